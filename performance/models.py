import statistics
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisation.models import District
from performance import scorecard

QUARTER_START_MONTHS = {1, 4, 7, 10}
FINANCIAL_YEAR_START_MONTH = 4


@dataclass
class ScoreRow:
    """An indicator's latest value in one area, rated and compared with the period before."""

    indicator: "Indicator"
    period: date | None
    value: Decimal | None
    previous: Decimal | None

    @property
    def status(self) -> str:
        i = self.indicator
        return scorecard.status(self.value, i.target, i.floor, i.polarity)

    @property
    def direction(self) -> str:
        return scorecard.direction(self.value, self.previous, self.indicator.polarity)

    @property
    def status_label(self) -> str:
        return scorecard.STATUS_LABELS[self.status]

    @property
    def rag(self) -> str:
        return scorecard.STATUS_RAG[self.status]

    @property
    def direction_label(self) -> str:
        return scorecard.DIRECTION_LABELS[self.direction]


@dataclass
class Spread:
    """How one indicator's latest values vary across the districts."""

    lowest: Decimal | None
    median: Decimal | None
    highest: Decimal | None
    values: dict[int, Decimal]  # district id: value

    def rank(self, district_id: int, polarity: str) -> int | None:
        """1 is the best district; None where it has no value."""
        if district_id not in self.values:
            return None
        mine = self.values[district_id]
        return 1 + sum(1 for v in self.values.values() if scorecard.better(v, mine, polarity))


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


class IndicatorQuerySet(models.QuerySet):
    def scorecard(self, district: District | None = None, as_at: date | None = None) -> list[ScoreRow]:
        """One row per indicator: its latest value (as recorded at the end of ``as_at``) and the
        one before, for ``district`` or countywide. Two queries, whatever the data."""
        indicators = list(self)
        values = IndicatorValue.objects.recorded_as_at(as_at).filter(indicator__in=indicators, district=district)
        if as_at:
            values = values.filter(period__lte=as_at)
        latest: dict[int, list] = {}
        for indicator_id, period, value in values.order_by("indicator_id", "-period").values_list(
            "indicator_id", "period", "value"
        ):
            found = latest.setdefault(indicator_id, [])
            if len(found) < 2:
                found.append((period, value))
        rows = []
        for indicator in indicators:
            found = latest.get(indicator.pk, [])
            period, value = found[0] if found else (None, None)
            previous = found[1][1] if len(found) > 1 else None
            rows.append(ScoreRow(indicator, period, value, previous))
        return rows

    def spreads(self, as_at: date | None = None) -> dict[int, Spread]:
        """For each indicator, the districts' values in its latest period. One query."""
        values = IndicatorValue.objects.recorded_as_at(as_at).filter(indicator__in=self, district__isnull=False)
        if as_at:
            values = values.filter(period__lte=as_at)
        latest_period: dict[int, date] = {}
        by_indicator: dict[int, dict[int, Decimal]] = {}
        for indicator_id, district_id, period, value in values.order_by("indicator_id", "-period").values_list(
            "indicator_id", "district_id", "period", "value"
        ):
            newest = latest_period.setdefault(indicator_id, period)
            if period == newest:
                by_indicator.setdefault(indicator_id, {})[district_id] = value
        spreads = {}
        for indicator_id, district_values in by_indicator.items():
            ordered = sorted(district_values.values())
            spreads[indicator_id] = Spread(
                lowest=ordered[0], median=statistics.median(ordered), highest=ordered[-1], values=district_values
            )
        return spreads


class Indicator(models.Model):
    """A measure the council monitors, with the target agreed by Cabinet and a floor."""

    class Polarity(models.TextChoices):
        HIGHER = scorecard.HIGHER, "Higher is better"
        LOWER = scorecard.LOWER, "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual (financial year)"

    class Unit(models.TextChoices):
        PERCENT = "percent", "Percentage"
        NUMBER = "number", "Number"
        DAYS = "days", "Days"
        RATE = "rate", "Rate per 10,000 children"

    reference = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    target = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    floor = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="The point past which it is rated red."
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    source = models.CharField(max_length=200, blank=True)
    illustrative = models.BooleanField(default=False, help_text="Demonstration figures, not real data.")
    theme = models.ForeignKey(
        "actionplans.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    actions = models.ManyToManyField(
        "actionplans.Action",
        blank=True,
        related_name="indicators",
        help_text="The actions meant to move this indicator; their pages show it as evidence of impact.",
    )

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("indicator_detail", args=[self.pk])

    def clean(self) -> None:
        if not scorecard.floor_is_on_the_right_side(self.target, self.floor, self.polarity):
            side = "below" if self.polarity == self.Polarity.HIGHER else "above"
            raise ValidationError(
                {"floor": f"The floor must be {side} the target when {self.get_polarity_display().lower()}."}
            )

    def period_error(self, period: date) -> str | None:
        """Why ``period`` is not a period of this indicator's frequency, or None."""
        if period.day != 1:
            return "A period starts on the first day of a month."
        if self.frequency == self.Frequency.QUARTERLY and period.month not in QUARTER_START_MONTHS:
            return "A quarterly indicator's periods start in January, April, July or October."
        if self.frequency == self.Frequency.ANNUAL and period.month != FINANCIAL_YEAR_START_MONTH:
            return "An annual indicator's periods start on 1 April."
        return None

    def value_error(self, value: Decimal) -> str | None:
        """Why ``value`` cannot be a value of this indicator's unit, or None."""
        if value < 0:
            return f"A {self.get_unit_display().lower()} cannot be negative."
        if self.unit == self.Unit.PERCENT and value > 100:
            return "A percentage cannot be more than 100."
        if self.unit in {self.Unit.NUMBER, self.Unit.DAYS} and value != value.to_integral_value():
            return f"Enter a whole number of {'days' if self.unit == self.Unit.DAYS else 'items'}."
        return None

    def format_value(self, value: Decimal | None) -> str:
        if value is None:
            return "No value"
        if self.unit == self.Unit.PERCENT:
            return f"{value.normalize():f}%"
        if self.unit == self.Unit.DAYS:
            return f"{value.normalize():f} days"
        return f"{value.normalize():f}"

    def period_label(self, period: date) -> str:
        if self.frequency == self.Frequency.ANNUAL:
            return f"{period.year}-{str(period.year + 1)[-2:]}"
        if self.frequency == self.Frequency.QUARTERLY:
            end = date(period.year, period.month + 2, 1)
            return f"{period:%B} to {end:%B %Y}"
        return f"{period:%B %Y}"


class IndicatorValueQuerySet(models.QuerySet):
    def countywide(self):
        return self.filter(district__isnull=True)

    def recorded_as_at(self, when: date | None):
        """The values as they stood at the end of ``when`` (today's values when None),
        rebuilt from the history so that later corrections do not rewrite the past."""
        if when is None:
            return self
        return IndicatorValue.history.as_of(end_of(when)).filter()


class IndicatorValue(models.Model):
    """One period's value of an indicator, for a district or countywide (no district)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    period = models.DateField(help_text="The first day of the period.")
    value = models.DecimalField(max_digits=10, decimal_places=2)

    objects = IndicatorValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "district", "period"],
                name="one_value_per_indicator_district_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=models.Q(district__isnull=True),
                name="one_countywide_value_per_indicator_period",
            ),
        ]

    def __str__(self) -> str:
        area = self.district.name if self.district_id else "Kent"
        return f"{self.indicator.reference} {area} {self.period:%B %Y}: {self.value}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()


@dataclass
class Impact:
    """An indicator's countywide value when an action started and now, against its target."""

    indicator: Indicator
    before: IndicatorValue | None
    latest: IndicatorValue | None

    @property
    def status(self) -> str:
        value = self.latest.value if self.latest else None
        return scorecard.status(value, self.indicator.target, self.indicator.floor, self.indicator.polarity)

    @property
    def status_label(self) -> str:
        return scorecard.STATUS_LABELS[self.status]

    @property
    def rag(self) -> str:
        return scorecard.STATUS_RAG[self.status]

    @property
    def direction_label(self) -> str:
        before = self.before.value if self.before else None
        after = self.latest.value if self.latest else None
        return scorecard.DIRECTION_LABELS[scorecard.direction(after, before, self.indicator.polarity)]


def impacts_for(action) -> list[Impact]:
    """The indicators an action is meant to move, each before the action started and now. Two queries."""
    indicators = list(action.indicators.all())
    values = IndicatorValue.objects.filter(indicator__in=indicators, district__isnull=True).order_by("period")
    by_indicator: dict[int, list[IndicatorValue]] = {}
    for value in values:
        by_indicator.setdefault(value.indicator_id, []).append(value)
    impacts = []
    for indicator in indicators:
        series = by_indicator.get(indicator.pk, [])
        # The last period that was over before the action's month began.
        before = [value for value in series if value.period < action.starts_on.replace(day=1)]
        impacts.append(Impact(indicator, before[-1] if before else None, series[-1] if series else None))
    return impacts
