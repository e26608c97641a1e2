"""Import a plan from the spreadsheet councils keep their trackers in (XLSX or CSV).

Upload → the file is checked and parsed, every row validated, and the result kept
in an ImportBatch → a preview shows what would be created or changed and every
row's errors → confirming writes all rows or none. Rows match existing actions by
reference, so importing the same file twice changes nothing the second time.
"""

import csv
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods
from openpyxl import Workbook, load_workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actionplans import rag
from actionplans.models import Action, ImportBatch, Plan
from audit.models import AuditEvent, record
from improvement.forms import GDSFormMixin
from improvement.ratelimit import rate_limited
from improvement.spreadsheets import neutralise
from organisation.models import District

MAX_UPLOAD = 10 * 1024 * 1024
MAX_ROWS = 20_000
# An XLSX is a zip: refuse one that would expand to more than this, or by more than this ratio.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100

# Column heading -> field; headings match case-insensitively, and a few common variants are accepted.
COLUMNS = {
    "ref": "reference",
    "theme": "theme",
    "district": "district",
    "action": "title",
    "description": "description",
    "lead officer": "lead_officer_name",
    "lead officer job title": "lead_officer_title",
    "start date": "starts_on",
    "due date": "due_on",
    "status": "status",
    "rag": "rag",
    "progress": "progress",
    "success measure": "success_measure",
}
HEADING_VARIANTS = {"reference": "ref", "action title": "action", "title": "action", "lead": "lead officer"}
REQUIRED = ["reference", "theme", "title", "lead_officer_name", "due_on"]
TEMPLATE_HEADINGS = [
    "Ref",
    "Theme",
    "District",
    "Action",
    "Description",
    "Lead officer",
    "Lead officer job title",
    "Start date",
    "Due date",
    "Status",
    "RAG",
    "Progress",
    "Success measure",
]
# The fields an import writes; comparing them decides whether a row changes anything.
WRITTEN_FIELDS = [
    "title",
    "description",
    "theme_id",
    "lead_officer_name",
    "lead_officer_title",
    "starts_on",
    "due_on",
    "status",
    "progress",
    "success_measure",
    "rag_override",
    "rag_override_reason",
]


class ImportRejected(Exception):
    """The file as a whole cannot be read: wrong type, too big, a zip bomb, no heading row."""


# --- Reading the file -----------------------------------------------------------


def _check_zip(upload) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > 1000:
                raise ImportRejected("The file has too many parts to be a spreadsheet")
            total = 0
            for member in members:
                total += member.file_size
                if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
                    raise ImportRejected("The file expands too much when opened, so it was not read")
            if total > MAX_UNCOMPRESSED:
                raise ImportRejected("The file expands too much when opened, so it was not read")
            if "xl/workbook.xml" not in archive.namelist():
                raise ImportRejected("The file is not an Excel (XLSX) workbook")
    except zipfile.BadZipFile:
        raise ImportRejected("The file is not a real Excel (XLSX) file") from None
    finally:
        upload.seek(0)


def read_rows(upload) -> list[list]:
    """The cells of the first sheet (XLSX) or the file (CSV), row by row. Raises ImportRejected."""
    extension = PurePath(upload.name).suffix.lower()
    if upload.size > MAX_UPLOAD:
        raise ImportRejected(f"The file must be smaller than {MAX_UPLOAD // (1024 * 1024)} MB")
    if extension == ".xlsx":
        _check_zip(upload)
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds of error on a damaged file
            raise ImportRejected("The file is not a real Excel (XLSX) file") from None
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 1:
                    raise ImportRejected(f"The file has more than {MAX_ROWS:,} rows")
            return rows
        finally:
            workbook.close()
    if extension == ".csv":
        raw = upload.read()
        if b"\x00" in raw[:4096]:
            raise ImportRejected("The file is not a real CSV file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error:
            raise ImportRejected("The file is not a CSV file the tracker can read") from None
        if len(rows) > MAX_ROWS + 1:
            raise ImportRejected(f"The file has more than {MAX_ROWS:,} rows")
        return rows
    raise ImportRejected("The file must be an Excel workbook (.xlsx) or a CSV file (.csv)")


def _heading_key(heading) -> str:
    key = re.sub(r"[^a-z ]", "", str(heading or "").lower().replace("’", "").replace("'", "")).strip()
    key = re.sub(r"\s+", " ", key)
    return HEADING_VARIANTS.get(key, key)


def map_headings(heading_row: list) -> dict[int, str]:
    mapping = {}
    for index, heading in enumerate(heading_row):
        key = _heading_key(heading)
        if key in COLUMNS:
            mapping[index] = COLUMNS[key]
    missing = [name for name in REQUIRED if name not in mapping.values()]
    if missing:
        labels = {v: k for k, v in COLUMNS.items()}
        raise ImportRejected(
            "The first row must be the column headings; missing: "
            + ", ".join(labels[name].capitalize() for name in missing)
            + ". Download the template to see them."
        )
    return mapping


# --- Checking each row ----------------------------------------------------------


@dataclass
class RowResult:
    line: int
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    outcome: str = ""  # "create", "change", "same" or "error"
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, label: str, errors: list[str]) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    errors.append(f"{label} ‘{text}’ is not a date; write it as 31/03/2015")
    return None


STATUS_WORDS = {label.lower(): value for value, label in Action.Status.choices} | {
    value.replace("_", " "): value for value in Action.Status.values
}
STATUS_WORDS |= {"complete": Action.Status.COMPLETE, "completed": Action.Status.COMPLETE, "": "not_started"}
RAG_WORDS = {"r": "red", "a": "amber", "g": "green", "b": "blue", "red": "red", "amber": "amber"} | {
    "green": "green",
    "blue": "blue",
    "complete": "blue",
    "": "",
}


class RowChecker:
    """Checks rows against the plan, its themes and the districts, with what it needs loaded once."""

    def __init__(self, plan: Plan, file_name: str):
        self.plan = plan
        self.file_name = file_name
        themes = list(plan.themes_in_use())
        self.themes = {str(theme.number): theme for theme in themes} | {theme.title.lower(): theme for theme in themes}
        self.themes |= {str(theme).lower(): theme for theme in themes}
        self.districts = {district.name.lower(): district for district in District.objects.all()}
        self.existing = {action.reference.lower(): action for action in Action.objects.filter(plan=plan)}
        self.seen: set[str] = set()

    def parse(self, line: int, cells: dict) -> RowResult:
        """Turns one row's cells into normalised values (JSON-friendly) and errors."""
        result = RowResult(line=line)
        errors = result.errors
        values = result.values
        reference = _text(cells.get("reference"))
        values["reference"] = reference
        if not reference:
            errors.append("Ref is empty")
        elif reference.lower() in self.seen:
            errors.append(f"Ref {reference} appears more than once in the file")
        self.seen.add(reference.lower())
        theme_text = _text(cells.get("theme"))
        theme = self.themes.get(theme_text.lower().strip("()")) or self.themes.get(theme_text.lower())
        if theme is None and theme_text.split(" ")[0].strip("().") in self.themes:
            theme = self.themes[theme_text.split(" ")[0].strip("().")]
        if theme is None:
            errors.append(f"Theme ‘{theme_text}’ is not one of the plan’s themes" if theme_text else "Theme is empty")
        values["theme_id"] = theme.pk if theme else None
        district_text = _text(cells.get("district"))
        if district_text and district_text.lower() != "countywide":
            district = self.districts.get(district_text.lower())
            if district is None:
                errors.append(f"District ‘{district_text}’ is not one of the council’s districts")
            elif district.pk != self.plan.district_id:
                errors.append(f"District ‘{district_text}’ does not match this plan")
        elif self.plan.district_id and district_text.lower() == "countywide":
            errors.append("A district sub-plan cannot hold countywide actions")
        for name, label in [
            ("title", "Action"),
            ("lead_officer_name", "Lead officer"),
        ]:
            values[name] = _text(cells.get(name))
            if not values[name]:
                errors.append(f"{label} is empty")
        for name in ["description", "lead_officer_title", "success_measure"]:
            values[name] = _text(cells.get(name))
        if len(values["title"]) > 300:
            errors.append("Action must be 300 characters or fewer")
        if len(reference) > 30:
            errors.append("Ref must be 30 characters or fewer")
        existing = self.existing.get(reference.lower())
        fallback_start = existing.starts_on if existing else self.plan.starts_on
        values["starts_on"] = _date(cells.get("starts_on"), "Start date", errors) or fallback_start.isoformat()
        values["present"] = sorted(name for name in cells if name != "reference")
        values["due_on"] = _date(cells.get("due_on"), "Due date", errors)
        if cells.get("due_on") in (None, ""):
            errors.append("Due date is empty")
        if values["due_on"] and values["starts_on"] and values["due_on"] < values["starts_on"]:
            errors.append("Due date is before the start date")
        status_text = _text(cells.get("status")).lower()
        values["status"] = existing.status if existing and not status_text else STATUS_WORDS.get(status_text)
        if values["status"] is None:
            errors.append(f"Status ‘{status_text}’ is not one the tracker knows")
        elif values["status"] == Action.Status.SIGNED_OFF:
            errors.append(
                "Signed off cannot be imported: import it as Complete, and an assistant director signs it off"
            )
        values["progress"] = self._progress(cells.get("progress"), errors)
        rag_text = _text(cells.get("rag")).lower()
        values["rag"] = RAG_WORDS.get(rag_text)
        if values["rag"] is None:
            errors.append(f"RAG ‘{rag_text}’ must be Red, Amber, Green or Blue")
        return result

    @staticmethod
    def _progress(value, errors) -> int:
        if value in (None, ""):
            return 0
        if isinstance(value, float) and 0 < value <= 1 and not value.is_integer():
            return round(value * 100)  # a cell formatted as a percentage
        text = _text(value).rstrip("%").strip()
        try:
            number = round(float(text))
        except ValueError:
            errors.append(f"Progress ‘{text}’ must be a number from 0 to 100")
            return 0
        if not 0 <= number <= 100:
            errors.append(f"Progress {number} must be from 0 to 100")
        return number

    def action_for(self, values: dict) -> tuple[Action, bool]:
        """The action a valid row describes (unsaved), and whether it already exists."""
        existing = self.existing.get(values["reference"].lower())
        action = Action(plan=self.plan, district_id=self.plan.district_id, reference=values["reference"])
        if existing:
            action = Action(**{f.attname: getattr(existing, f.attname) for f in Action._meta.concrete_fields})
        # A column the sheet does not have leaves an existing action's value alone.
        present = set(values["present"]) | {"theme", "title", "lead_officer_name", "due_on"}
        for name in ["title", "description", "lead_officer_name", "lead_officer_title", "success_measure", "progress"]:
            if name in present or not existing:
                setattr(action, name, values[name])
        action.theme_id = values["theme_id"]
        action.starts_on = date.fromisoformat(values["starts_on"])
        action.due_on = date.fromisoformat(values["due_on"])
        if action.revised_due_on and action.revised_due_on < action.starts_on:
            action.revised_due_on = None
            action.revision_reason = ""
        action.status = values["status"]
        # A RAG in the sheet that differs from the suggestion becomes an override, saying where it came from.
        wanted = values["rag"]
        if "rag" not in present and existing:
            pass
        elif not wanted or wanted == rag.suggest(action).value:
            action.rag_override, action.rag_override_reason = "", ""
        elif existing and existing.rag_override == wanted:
            action.rag_override, action.rag_override_reason = existing.rag_override, existing.rag_override_reason
        else:
            action.rag_override = wanted
            action.rag_override_reason = f"As recorded in the imported spreadsheet {self.file_name}."
        return action, existing is not None

    @staticmethod
    def label(name: str) -> str:
        return str(Action._meta.get_field(name.removesuffix("_id")).verbose_name).capitalize()

    def display(self, name: str, action: Action) -> str:
        value = getattr(action, name)
        if name == "theme_id":
            return str(next((t for t in self.themes.values() if t.pk == value), value))
        if isinstance(value, date):
            return date_format(value, "j F Y")
        field = Action._meta.get_field(name)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value) or "")
        return str(value)

    def check(self, rows: list[dict]) -> list[RowResult]:
        """Every row checked against the database as it is now; each marked create, change, same or error."""
        results = []
        self.seen = set()
        for row in rows:
            result = self.parse(row["line"], row["cells"])
            if not result.errors:
                action, exists = self.action_for(result.values)
                if exists:
                    before = self.existing[action.reference.lower()]
                    result.changes = [
                        (self.label(name), self.display(name, before), self.display(name, action))
                        for name in WRITTEN_FIELDS
                        if getattr(before, name) != getattr(action, name)
                    ]
                    result.outcome = "change" if result.changes else "same"
                else:
                    result.outcome = "create"
            else:
                result.outcome = "error"
            results.append(result)
        return results


def cells_by_field(rows: list[list]) -> list[dict]:
    """[{line, cells: {field: value}}] for the data rows, skipping blank ones; values made JSON-friendly."""
    if not rows:
        raise ImportRejected("The file is empty")
    mapping = map_headings(rows[0])
    parsed = []
    for line, row in enumerate(rows[1:], start=2):
        cells = {}
        for index, name in mapping.items():
            value = row[index] if index < len(row) else None
            if isinstance(value, datetime | date):
                value = value.isoformat()[:10]
            elif value is not None and not isinstance(value, int | float | str):
                value = str(value)
            cells[name] = value
        if any(value not in (None, "") for value in cells.values()):
            parsed.append({"line": line, "cells": cells})
    if not parsed:
        raise ImportRejected("The file has headings but no rows of actions")
    return parsed


def apply(batch: ImportBatch, user) -> dict[str, int]:
    """Writes every row of the batch, or none: raises ValueError if any row has an error now."""
    with transaction.atomic():
        # Lock the plan's actions so that two confirmations cannot interleave.
        list(Action.objects.select_for_update().filter(plan=batch.plan).values_list("pk", flat=True))
        checker = RowChecker(batch.plan, batch.file_name)
        results = checker.check(batch.rows)
        if any(result.errors for result in results):
            raise ValueError("The file has errors")
        creates, changes = [], []
        for result in results:
            if result.outcome == "same":
                continue
            action, exists = checker.action_for(result.values)
            if exists:
                action.version += 1
                changes.append(action)
            else:
                creates.append(action)
        reason = f"Imported from {batch.file_name}"
        if creates:
            bulk_create_with_history(creates, Action, batch_size=500, default_user=user, default_change_reason=reason)
        if changes:
            bulk_update_with_history(
                changes,
                Action,
                [*WRITTEN_FIELDS, "version"],
                batch_size=500,
                default_user=user,
                default_change_reason=reason,
            )
        batch.applied_at = timezone.now()
        batch.save(update_fields=["applied_at"])
    return {"created": len(creates), "changed": len(changes), "unchanged": len(results) - len(creates) - len(changes)}


# --- Views ----------------------------------------------------------------------


def importable_plans(user):
    """The plans this person may import into (lazy)."""
    plans = Plan.objects.select_related("district")
    if user.has_perm("actionplans.sign_off_action"):
        return plans
    if not user.has_perm("actionplans.import_actions"):
        return plans.none()
    if user.districts.exists():
        return plans.filter(district__in=user.districts.all())
    return plans.filter(district__isnull=True)


class UploadForm(GDSFormMixin, forms.Form):
    plan = forms.ModelChoiceField(queryset=Plan.objects.none(), label="Plan to import into")
    file = forms.FileField(label="Spreadsheet", help_text="An Excel workbook (.xlsx) or a CSV file, up to 10 MB.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = importable_plans(user)
        self.fields["plan"].label_from_instance = lambda plan: str(plan)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and "plan" in data:
            try:
                data["rows"] = cells_by_field(read_rows(upload))
            except ImportRejected as rejection:
                self.add_error("file", str(rejection))
        return data


def _require_import_permission(request: HttpRequest) -> None:
    if not request.user.has_perm("actionplans.import_actions"):
        raise PermissionDenied


@rate_limited("import", methods=("POST",))
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_import_permission(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            batch = ImportBatch.objects.create(
                token=uuid.uuid4(),
                plan=form.cleaned_data["plan"],
                file_name=PurePath(form.cleaned_data["file"].name).name[:255],
                rows=form.cleaned_data["rows"],
                uploaded_by=request.user,
            )
            return redirect(batch)
        return render(request, "actionplans/import_upload.html", {"form": form}, status=400)
    return render(request, "actionplans/import_upload.html", {"form": form})


@require_GET
def template(request: HttpRequest) -> HttpResponse:
    """A workbook with the headings and one example row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    sheet.append(TEMPLATE_HEADINGS)
    example = [
        "1.1",
        "1",
        "",
        "Embed the practice framework in every district team",
        "Workshops and audits in each team.",
        "Jane Smith",
        "Head of Service",
        date(2014, 9, 1),
        date(2015, 3, 31),
        "In progress",
        "Amber",
        "40%",
        "90% of audited cases rated good or better",
    ]
    sheet.append([neutralise(cell) for cell in example])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="action-plan-import-template.xlsx"'
    return response


@rate_limited("import", methods=("POST",))
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest, token) -> HttpResponse:
    _require_import_permission(request)
    batch = get_object_or_404(ImportBatch.objects.select_related("plan"), token=token, uploaded_by=request.user)
    if not importable_plans(request.user).filter(pk=batch.plan_id).exists():
        raise Http404
    if batch.applied_at:
        messages.info(request, "This file has already been imported.")
        return redirect(batch.plan)
    results = RowChecker(batch.plan, batch.file_name).check(batch.rows)
    counts = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in ("create", "change", "same")}
    errors = [result for result in results if result.errors]
    context = {"batch": batch, "results": results, "counts": counts, "errors": errors}
    if request.method == "POST":
        if errors:
            return render(request, "actionplans/import_preview.html", context, status=400)
        try:
            done = apply(batch, request.user)
        except ValueError:
            return render(request, "actionplans/import_preview.html", context, status=400)
        record(
            request,
            AuditEvent.Kind.IMPORT,
            f"Imported {batch.file_name} into {batch.plan}: {done['created']} added, {done['changed']} changed",
        )
        messages.success(
            request,
            f"Imported {batch.file_name}: {done['created']} actions added, {done['changed']} changed, "
            f"{done['unchanged']} unchanged.",
        )
        return redirect(batch.plan)
    return render(request, "actionplans/import_preview.html", context, status=400 if errors else 200)
