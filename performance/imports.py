"""Importing indicator values from a spreadsheet: preview first, then all rows or none.

The sheet has one value a row: indicator reference, area (a district, or
Countywide), period and value. The preview says, row by row, what would be
created or changed and every row's errors; nothing is written until the person
confirms, and then every row is written in one transaction or none is. The rows
travel from preview to confirmation signed, so they cannot be altered on the
way, and are checked again against the database before writing. The same file
twice changes nothing the second time.
"""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core import signing
from django.db import transaction
from django.http import HttpResponse

from actionplans.imports import ImportRejected
from improvement.forms import GDSFormMixin
from organisation.models import District
from performance.models import Indicator, IndicatorValue

SIGNING_SALT = "performance.imports"
SIGNED_MAX_AGE = 3600
HEADINGS = ["indicator", "area", "period", "value"]
COUNTYWIDE_WORDS = {"countywide", "county", "kent", "all"}
PERIOD_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%Y-%m", "%b %Y", "%B %Y", "%m/%Y"]


@dataclass
class Row:
    number: int
    indicator: str = ""
    area: str = ""
    period: str = ""
    value: str = ""
    action: str = ""  # "create", "change" or "unchanged"
    before: str = ""
    errors: list[str] = field(default_factory=list)


def _period(cell) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = str(cell or "").strip()
    for pattern in PERIOD_FORMATS:
        try:
            return (
                datetime.strptime(text, pattern).date().replace(day=1)
                if "%d" not in pattern
                else (datetime.strptime(text, pattern).date())
            )
        except ValueError:
            continue
    return None


def check_rows(cells: list[list]) -> list[Row]:
    """Every data row checked against the indicators, districts and values there are now. Three queries."""
    if not cells:
        raise ImportRejected("The file is empty")
    heading = [str(cell or "").strip().lower() for cell in cells[0]]
    missing = [name for name in HEADINGS if name not in heading]
    if missing:
        raise ImportRejected(
            f"The first row must name the columns {', '.join(HEADINGS)}; missing: {', '.join(missing)}"
        )
    where = {name: heading.index(name) for name in HEADINGS}
    indicators = {i.reference.lower(): i for i in Indicator.objects.all()}
    districts = {d.name.lower(): d for d in District.objects.all()}
    existing = {
        (v.indicator_id, v.district_id, v.period): v.value
        for v in IndicatorValue.objects.filter(indicator__in=indicators.values())
    }
    rows, seen = [], set()
    for number, raw in enumerate(cells[1:], start=2):
        raw = list(raw) + [None] * (len(heading) - len(raw))
        if all(cell in (None, "") for cell in raw):
            continue
        row = Row(number, *(str(raw[where[name]] if raw[where[name]] is not None else "").strip() for name in HEADINGS))
        indicator = indicators.get(row.indicator.lower())
        if indicator is None:
            row.errors.append(f"There is no indicator with the reference ‘{row.indicator}’")
        area_key = row.area.lower()
        district = None if area_key in COUNTYWIDE_WORDS else districts.get(area_key)
        if area_key not in COUNTYWIDE_WORDS and district is None:
            row.errors.append(f"There is no district called ‘{row.area}’")
        period = _period(raw[where["period"]])
        if period is None:
            row.errors.append(f"‘{row.period}’ is not a period, such as 2014-10 or Oct 2014")
        try:
            value = Decimal(row.value.rstrip("%").replace(",", ""))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            value = None
            row.errors.append(f"‘{row.value}’ is not a number")
        if indicator and period:
            error = indicator.period_error(period)
            if error:
                row.errors.append(error)
        if indicator and value is not None:
            error = indicator.value_error(value)
            if error:
                row.errors.append(error)
        if not row.errors:
            value = value.quantize(Decimal("0.01"))
            key = (indicator.pk, district.pk if district else None, period)
            if key in seen:
                row.errors.append("Another row gives a value for the same indicator, area and period")
            seen.add(key)
            row.period = period.isoformat()
            row.value = str(value)
            if key not in existing:
                row.action = "create"
            elif existing[key] == value:
                row.action = "unchanged"
            else:
                row.action, row.before = "change", str(existing[key])
        rows.append(row)
    return rows


def sign(rows: list[Row]) -> str:
    plain = [[row.indicator, row.area, row.period, row.value] for row in rows if row.action in {"create", "change"}]
    return signing.dumps(plain, salt=SIGNING_SALT, compress=True)


def unsign(token: str) -> list[list]:
    return signing.loads(token, salt=SIGNING_SALT, max_age=SIGNED_MAX_AGE)


def apply(plain_rows: list[list]) -> int:
    """Checks the rows again and writes them all, or raises ImportRejected and writes none."""
    rows = check_rows([HEADINGS, *plain_rows])
    errors = [row for row in rows if row.errors]
    if errors:
        raise ImportRejected("The data changed since the preview; upload the file again")
    indicators = {i.reference.lower(): i for i in Indicator.objects.all()}
    districts = {d.name.lower(): d for d in District.objects.all()}
    written = 0
    with transaction.atomic():
        for row in rows:
            if row.action == "unchanged":
                continue
            IndicatorValue.objects.update_or_create(
                indicator=indicators[row.indicator.lower()],
                district=districts.get(row.area.lower()),
                period=date.fromisoformat(row.period),
                defaults={"value": Decimal(row.value)},
            )
            written += 1
    return written


class UploadForm(GDSFormMixin, forms.Form):
    file = forms.FileField(
        label="Spreadsheet of values",
        help_text="An Excel workbook (.xlsx) or a CSV file with the columns indicator, area, period and value.",
        error_messages={"required": "Choose a file to upload"},
    )


def template_response() -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicator-values-template.csv"'
    writer = csv.writer(response)
    writer.writerow(HEADINGS)
    writer.writerow(["CP01", "Countywide", "2014-10", "96.4"])
    writer.writerow(["CP01", "Ashford", "2014-10", "93.1"])
    return response
