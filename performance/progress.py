"""The improvement plan's progress at a glance: RAG counts by theme and by district.

Every figure can be had as it is now or as it stood at the end of a past day,
rebuilt from the actions' history, so that a dashboard can be read as at a
committee deadline and compared with the month before. Each function runs a
fixed number of aggregate queries, whatever the number of actions.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from actionplans import rag
from actionplans.models import Action, Plan, ProgressUpdate, Theme
from actionplans.traceability import NEEDS_ACTION
from inspections.models import Finding
from organisation.models import District
from performance import scorecard
from performance.models import end_of

RATINGS = [rag.Rating.RED, rag.Rating.AMBER, rag.Rating.GREEN, rag.Rating.BLUE, rag.Rating.NONE]


def previous_month_end(day: date) -> date:
    """The last day of the month before ``day``'s month."""
    return day.replace(day=1) - timedelta(days=1)


def actions_as_at(as_at: date | None) -> QuerySet:
    """The actions now, or as they were recorded at the end of ``as_at`` (lazy)."""
    if as_at is None:
        return Action.objects.all()
    return Action.history.as_of(end_of(as_at))


@dataclass
class RagCounts:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, rating: str, number: int) -> None:
        self.counts[rating] += number

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, rating: str) -> int:
        return self.counts.get(rating, 0)

    @property
    def red(self) -> int:
        return self.count(rag.Rating.RED)

    @property
    def amber(self) -> int:
        return self.count(rag.Rating.AMBER)

    @property
    def green(self) -> int:
        return self.count(rag.Rating.GREEN)

    @property
    def blue(self) -> int:
        return self.count(rag.Rating.BLUE)

    @property
    def not_rated(self) -> int:
        return self.count(rag.Rating.NONE)

    @property
    def percent_complete(self) -> int:
        rated = self.total - self.not_rated
        return round(100 * self.blue / rated) if rated else 0


@dataclass
class Progress:
    """RAG counts of a set of actions by theme and district, on one day."""

    on: date
    themes: list[Theme]
    districts: list[District]
    by_cell: dict[tuple[int | None, int], RagCounts]

    def _totals(self, part: int) -> dict:
        """Counts summed over the cells by district (part 0) or by theme (part 1)."""
        totals: dict = defaultdict(RagCounts)
        for key, counts in self.by_cell.items():
            for rating, number in counts.counts.items():
                totals[key[part]].add(rating, number)
        return totals

    @cached_property
    def _by_district(self) -> dict:
        return self._totals(0)

    @cached_property
    def _by_theme(self) -> dict:
        return self._totals(1)

    def theme_counts(self, theme: Theme) -> RagCounts:
        return self._by_theme.get(theme.pk, RagCounts())

    def district_counts(self, district: District | None) -> RagCounts:
        return self._by_district.get(district.pk if district else None, RagCounts())

    @cached_property
    def overall(self) -> RagCounts:
        total = RagCounts()
        for counts in self._by_theme.values():
            for rating, number in counts.counts.items():
                total.add(rating, number)
        return total

    def cell(self, district: District | None, theme: Theme) -> RagCounts:
        return self.by_cell.get((district.pk if district else None, theme.pk), RagCounts())

    def theme_rows(self) -> list[tuple[Theme, RagCounts]]:
        return [(theme, self.theme_counts(theme)) for theme in self.themes]

    def grid_rows(self) -> list[tuple[District | None, list[tuple[Theme, RagCounts]], RagCounts]]:
        """One row per district (countywide first), one cell per theme, and the row's total."""
        rows = []
        for district in [None, *self.districts]:
            cells = [(theme, self.cell(district, theme)) for theme in self.themes]
            rows.append((district, cells, self.district_counts(district)))
        return rows


def plan_ids(plan: Plan) -> list[int]:
    """The plan and its district sub-plans, by id; one query, then kept on the plan object.

    Filtering on a list of ids lets the database use the action table's plan index,
    where "plan or plan's parent" would need a join and an OR."""
    if not hasattr(plan, "_family_ids"):
        plan._family_ids = [plan.pk, *Plan.objects.filter(parent=plan).values_list("pk", flat=True)]
    return plan._family_ids


def plan_progress(plan: Plan, as_at: date | None = None, district: District | None = None) -> Progress:
    """RAG counts of the plan's actions and its sub-plans' by district and theme. Three queries."""
    on = as_at or rag.today()
    actions = actions_as_at(as_at).filter(plan_id__in=plan_ids(plan))
    if district is not None:
        actions = actions.filter(district=district)
    rows = (
        actions.annotate(rag_value=rag.rag_expression(on))
        .values("district_id", "theme_id", "rag_value")
        .annotate(number=Count("pk"))
        .order_by()
    )
    by_cell: dict[tuple[int | None, int], RagCounts] = defaultdict(RagCounts)
    for row in rows:
        by_cell[(row["district_id"], row["theme_id"])].add(row["rag_value"], row["number"])
    return Progress(
        on=on,
        themes=list(Theme.objects.filter(plan=plan)),
        districts=[district] if district else list(District.objects.all()),
        by_cell=dict(by_cell),
    )


def current_plan() -> Plan | None:
    """The countywide plan the dashboards follow: the newest agreed one, else the newest. One query."""
    countywide = Plan.objects.filter(parent__isnull=True)
    return (
        countywide.filter(status=Plan.Status.AGREED).order_by("-starts_on").first()
        or countywide.order_by("-starts_on").first()
    )


def overdue_as_at(plan: Plan, as_at: date | None, district: District | None = None) -> QuerySet:
    """Open actions of the plan past their due date on the day (lazy)."""
    on = as_at or rag.today()
    actions = actions_as_at(as_at).filter(plan_id__in=plan_ids(plan), status__in=Action.OPEN_STATUSES)
    if district is not None:
        actions = actions.filter(district=district)
    return (
        actions.annotate(effective_due=Coalesce("revised_due_on", "due_on"))
        .filter(effective_due__lt=on)
        .select_related("district", "theme")
        .only("reference", "title", "lead_officer_name", "district__name", "theme__number", "revised_due_on", "due_on")
        .order_by("effective_due", "reference")
    )


def due_soon_as_at(plan: Plan, as_at: date | None, days: int = 30, district: District | None = None) -> QuerySet:
    """Open actions of the plan falling due in the ``days`` from the day (lazy)."""
    on = as_at or rag.today()
    actions = actions_as_at(as_at).filter(plan_id__in=plan_ids(plan), status__in=Action.OPEN_STATUSES)
    if district is not None:
        actions = actions.filter(district=district)
    return (
        actions.annotate(effective_due=Coalesce("revised_due_on", "due_on"))
        .filter(effective_due__gte=on, effective_due__lte=on + timedelta(days=days))
        .select_related("district", "theme")
        .only("reference", "title", "lead_officer_name", "district__name", "theme__number", "revised_due_on", "due_on")
        .order_by("effective_due", "reference")
    )


def awaiting_review_as_at(as_at: date | None) -> QuerySet:
    """Progress updates that were waiting for an assistant director's review on the day (lazy)."""
    updates = ProgressUpdate.objects.all() if as_at is None else ProgressUpdate.history.as_of(end_of(as_at))
    return updates.filter(review_status=ProgressUpdate.ReviewStatus.AWAITING)


def unanswered_findings_as_at(as_at: date | None) -> QuerySet:
    """Recommendations and areas for development that no action answered on the day (lazy)."""
    if as_at is None:
        findings = Finding.objects.all()
        answered = Action.findings.through.objects.values("finding_id")
    else:
        findings = Finding.history.as_of(end_of(as_at))
        links = apps.get_model("actionplans", "HistoricalAction_findings")
        answered = links.objects.filter(history__in=Action.history.as_of(end_of(as_at)).values("history_id"))
        answered = answered.values("finding_id")
    return findings.filter(kind__in=NEEDS_ACTION).exclude(id__in=answered)


def overdue_counts_by_district(plan: Plan, as_at: date | None) -> dict[int | None, int]:
    """{district id (None for countywide): open actions overdue on the day}. One query."""
    rows = overdue_as_at(plan, as_at).order_by().values("district_id").annotate(number=Count("pk"))
    return {row["district_id"]: row["number"] for row in rows}


def tukey_fences(values: list) -> tuple[float, float] | None:
    """The limits beyond which a value is an outlier (1.5 interquartile ranges past the quartiles)."""
    if len(values) < 4:
        return None
    q1, _, q3 = statistics.quantiles([float(v) for v in values], n=4)
    spread = q3 - q1
    return q1 - 1.5 * spread, q3 + 1.5 * spread


def mark_outliers(rows: list, key) -> list[tuple]:
    """Each row with a flag: True where ``key(row)`` lies outside the Tukey fences of all rows."""
    values = [key(row) for row in rows]
    fences = tukey_fences(values)
    return [
        (*row, bool(fences and not fences[0] <= value <= fences[1])) for row, value in zip(rows, values, strict=True)
    ]


@dataclass
class ComparisonCell:
    value: Decimal | None
    status: str
    outlier: bool

    @property
    def rag(self) -> str:
        return scorecard.STATUS_RAG[self.status]

    @property
    def status_label(self) -> str:
        return scorecard.STATUS_LABELS[self.status]


def indicator_comparison(indicator, spread, districts: list[District]) -> list[ComparisonCell]:
    """One cell per district for one indicator's latest period, outliers marked. No queries."""
    values = spread.values if spread else {}
    fences = tukey_fences(list(values.values()))
    cells = []
    for district in districts:
        value = values.get(district.pk)
        outlier = bool(value is not None and fences and not fences[0] <= float(value) <= fences[1])
        status = scorecard.status(value, indicator.target, indicator.floor, indicator.polarity)
        cells.append(ComparisonCell(value, status, outlier))
    return cells


@dataclass
class ActionChange:
    reference: str
    title: str
    area: str
    before: rag.Rating | None = None
    after: rag.Rating | None = None


@dataclass
class Changes:
    since: datetime
    opened: list[ActionChange]
    closed: list[ActionChange]
    rag_moves: list[ActionChange]
    new_findings: list[Finding]

    @property
    def is_empty(self) -> bool:
        return not (self.opened or self.closed or self.rag_moves or self.new_findings)


def changes_since(plan: Plan, since: datetime) -> Changes:
    """What changed in the plan after ``since``: actions opened and closed, RAG ratings that moved,
    and findings recorded. Three queries."""
    in_plan = Q(plan_id__in=plan_ids(plan))
    then = {
        row["id"]: row
        for row in Action.history.as_of(since)
        .filter(in_plan)
        # Rated as on that day (no later than the day the service takes as today).
        .annotate(rag_value=rag.rag_expression(min(timezone.localdate(since), rag.today())))
        .values("id", "status", "rag_value")
    }
    now = (
        Action.objects.filter(in_plan)
        .annotate(rag_value=rag.rag_expression(rag.today()))
        .values("id", "reference", "title", "status", "rag_value", "district__name")
        .order_by("reference")
    )
    closing = {*rag.COMPLETE_STATUSES, "cancelled"}
    opened, closed, moves = [], [], []
    for row in now:
        change = ActionChange(row["reference"], row["title"], row["district__name"] or "Countywide")
        before = then.get(row["id"])
        if before is None:
            opened.append(change)
            continue
        if before["status"] not in closing and row["status"] in closing:
            closed.append(change)
        if before["rag_value"] != row["rag_value"]:
            change.before, change.after = rag.Rating(before["rag_value"]), rag.Rating(row["rag_value"])
            moves.append(change)
    new_findings = list(
        Finding.objects.filter(
            id__in=Finding.history.filter(history_type="+", history_date__gt=since).values("id")
        ).select_related("inspection")
    )
    return Changes(since, opened, closed, moves, new_findings)
