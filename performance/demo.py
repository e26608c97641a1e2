"""Illustrative performance indicators for the demo council, monthly through 2014.

The figures are made up (each indicator says so) but shaped like a children's
services scorecard: most targets met countywide, with real variance between
districts, which is the seed paper's concern.
"""

import random
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from organisation.models import District
from performance.models import Indicator, IndicatorValue

P, N, DAYS, RATE = Indicator.Unit.PERCENT, Indicator.Unit.NUMBER, Indicator.Unit.DAYS, Indicator.Unit.RATE
HI, LO = Indicator.Polarity.HIGHER, Indicator.Polarity.LOWER

# reference, name, unit, polarity, target, floor, January 2014 level, December 2014 level
DEMO_INDICATORS = [
    ("FD01", "Contacts with a decision within one working day", P, HI, 95, 90, 89, 96),
    ("FD02", "Re-referrals within 12 months of a previous referral", P, LO, 25, 30, 29, 24),
    ("FD03", "Referrals per 10,000 children", RATE, LO, None, None, 520, 470),
    ("CIN01", "Single assessments completed within 45 working days", P, HI, 85, 75, 71, 86),
    ("CIN02", "Children in need seen within timescale", P, HI, 90, 80, 84, 91),
    ("CP01", "Child protection visits within timescale", P, HI, 95, 90, 91, 96),
    ("CP02", "Child protection plans lasting two years or more", P, LO, 5, 8, 7.5, 4.6),
    ("CP03", "Children on a child protection plan for a second or later time", P, LO, 15, 20, 19, 14),
    ("CP04", "Review child protection conferences within timescale", P, HI, 98, 95, 96, 98.5),
    ("CIC01", "Children in care with three or more placements in the year", P, LO, 10, 12, 11.5, 9.4),
    ("CIC02", "Children in care in the same placement for two years or more", P, HI, 70, 65, 66, 71),
    ("CIC03", "Children in care visits within timescale", P, HI, 95, 90, 90, 95.5),
    ("CIC04", "Care leavers in education, employment or training", P, HI, 65, 55, 56, 63),
    ("CIC05", "Care leavers in suitable accommodation", P, HI, 90, 80, 86, 92),
    ("AD01", "Average days from entering care to moving in with an adoptive family", DAYS, LO, 487, 547, 560, 470),
    ("AD02", "Children adopted within 12 months of the decision that they should be", P, HI, 75, 60, 64, 78),
    ("WF01", "Social work posts filled by permanent qualified staff", P, HI, 85, 75, 74, 83),
    ("WF02", "Average caseload of a qualified social worker", N, LO, 18, 22, 23, 19),
    ("WF03", "Supervision sessions held within timescale", P, HI, 90, 80, 82, 91),
    ("EH01", "Early help cases closed with outcomes achieved", P, HI, 75, 65, 66, 77),
    ("EH02", "Early help notifications allocated within 10 working days", P, HI, 90, 80, 81, 92),
    ("QA01", "Case file audits rated good or outstanding", P, HI, 50, 40, 31, 47),
]

MONTHS = [date(2014, month, 1) for month in range(1, 13)]


def recorded_on(period: date) -> datetime:
    """Figures for a month are recorded on the 10th of the next."""
    following = date(period.year + (period.month == 12), period.month % 12 + 1, 10)
    return timezone.make_aware(datetime.combine(following, time(9)))


def shape(value: float, unit: str) -> Decimal:
    if unit in {N, DAYS, RATE}:
        return Decimal(round(max(value, 0)))
    return Decimal(str(round(min(max(value, 0), 100), 1)))


def load() -> dict[str, int]:
    rng = random.Random(2014)
    districts = list(District.objects.order_by("name"))
    # Each district's standing: some are ahead of the county, some behind.
    standing = {district.pk: rng.uniform(-0.7, 0.9) for district in districts}
    indicators_created = values_created = 0
    for reference, name, unit, polarity, target, floor, start, end in DEMO_INDICATORS:
        indicator, created = Indicator.objects.get_or_create(
            reference=reference,
            defaults={
                "name": name,
                "unit": unit,
                "polarity": polarity,
                "target": target,
                "floor": floor,
                "frequency": Indicator.Frequency.MONTHLY,
                "source": "Liberi case management system (illustrative figures)",
                "description": "Illustrative figures for the demonstration, not Kent's real performance.",
                "illustrative": True,
            },
        )
        indicators_created += created
        if indicator.values.exists():
            continue
        spread = abs(end - start) * 0.35 + (3 if unit == P else end * 0.05)
        new_values = []
        for month_index, period in enumerate(MONTHS):
            county = start + (end - start) * month_index / (len(MONTHS) - 1)
            district_values = []
            for district in districts:
                # Positive standing means better: shift in the direction of the polarity.
                lean = standing[district.pk] * spread * (1 if polarity == HI else -1)
                value = shape(county + lean + rng.gauss(0, spread * 0.15), unit)
                district_values.append(value)
                new_values.append(IndicatorValue(indicator=indicator, district=district, period=period, value=value))
            county_value = shape(float(sum(district_values)) / len(district_values), unit) if districts else None
            if county_value is not None:
                new_values.append(IndicatorValue(indicator=indicator, district=None, period=period, value=county_value))
        for value in new_values:
            value._history_date = recorded_on(value.period)
        bulk_create_with_history(new_values, IndicatorValue, batch_size=500)
        values_created += len(new_values)
    links = link_demo_actions()
    return {"indicators": indicators_created, "indicator values": values_created, "indicator links": links}


# Indicator: words in the titles of the countywide actions meant to move it.
DEMO_LINKS = {
    "WF01": "social workers",
    "WF03": "supervision",
    "FD01": "Central Duty Team",
    "CIN01": "single assessment",
    "QA01": "case file audits",
    "CIC04": "care leavers",
}


THEME_BY_PREFIX = {"WF": 1, "QA": 1, "FD": 2, "EH": 3, "CIN": 4, "CP": 4, "CIC": 5, "AD": 5}


def link_demo_actions() -> int:
    """Links demo indicators to their themes and to the countywide actions meant to move them
    (when the plan is loaded)."""
    from actionplans.models import Action, Theme

    for prefix, number in THEME_BY_PREFIX.items():
        theme = Theme.objects.filter(plan__parent__isnull=True, number=number).order_by("-plan__starts_on").first()
        if theme:
            Indicator.objects.filter(reference__startswith=prefix, theme__isnull=True).update(theme=theme)
    linked = 0
    for reference, words in DEMO_LINKS.items():
        indicator = Indicator.objects.filter(reference=reference).first()
        actions = Action.objects.filter(district__isnull=True, title__icontains=words)
        if indicator is None:
            continue
        for action in actions.exclude(indicators=indicator):
            indicator.actions.add(action)
            linked += 1
    return linked
