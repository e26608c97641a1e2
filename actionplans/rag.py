"""Red, Amber, Green and Blue: the rule that suggests an action's rating.

The same rule is written twice — once in Python for a loaded action (lists and
pages, no queries) and once as a SQL expression (filtering and sorting lists) —
and a test checks that the two agree.

The rule, in order:

1. Complete (awaiting sign-off) or signed off: Blue.
2. Cancelled: not rated.
3. Past its due date (the revised one if there is one): Red.
4. Blocked: Red.
5. Not due to start yet: Green.
6. Deferred: Amber.
7. Otherwise progress is compared with the share of the time from start to due
   date that has gone: within 10 points of it (or ahead) Green, within 25
   points Amber, further behind Red.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.formats import date_format

GREEN_MARGIN = 10
AMBER_MARGIN = 25


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"
    NONE = "none", "Not rated"

    @classmethod
    def overridable(cls) -> list[tuple[str, str]]:
        return [(rating.value, rating.label) for rating in (cls.RED, cls.AMBER, cls.GREEN, cls.BLUE)]

    @property
    def definition(self) -> str:
        return DEFINITIONS[self]


DEFINITIONS = {
    Rating.RED: "Off track. The action is overdue, blocked, or its progress is more than "
    f"{AMBER_MARGIN} points behind the share of its time that has passed. It needs attention now.",
    Rating.AMBER: "At risk. Progress is between "
    f"{GREEN_MARGIN} and {AMBER_MARGIN} points behind the share of its time that has passed, or the action "
    "has been deferred. It may slip without help.",
    Rating.GREEN: f"On track. Progress is no more than {GREEN_MARGIN} points behind the share of its time "
    "that has passed, or the action is not due to start yet.",
    Rating.BLUE: "Complete. The work is done: either signed off by an assistant director, or reported "
    "complete and awaiting sign-off.",
    Rating.NONE: "Not rated. The action has been cancelled.",
}


def today() -> date:
    """Today in the council's time zone, or the date the demo pretends it is (settings.AS_OF_DATE)."""
    as_of = getattr(settings, "AS_OF_DATE", None)
    return as_of or timezone.localdate()


# Status values as plain strings, so that this module need not import the models.
COMPLETE_STATUSES = ["complete", "signed_off"]


def suggest(action, on: date | None = None) -> Rating:
    """The suggested rating for a loaded action. No queries."""
    on = on or today()
    due = action.revised_due_on or action.due_on
    if action.status in COMPLETE_STATUSES:
        return Rating.BLUE
    if action.status == "cancelled":
        return Rating.NONE
    if due < on:
        return Rating.RED
    if action.status == "blocked":
        return Rating.RED
    if action.starts_on > on:
        return Rating.GREEN
    if action.status == "deferred":
        return Rating.AMBER
    span = (due - action.starts_on).days
    elapsed = (on - action.starts_on).days
    # progress >= 100 * elapsed / span - margin, multiplied through by span to stay in whole numbers
    if action.progress * span + GREEN_MARGIN * span - 100 * elapsed >= 0:
        return Rating.GREEN
    if action.progress * span + AMBER_MARGIN * span - 100 * elapsed >= 0:
        return Rating.AMBER
    return Rating.RED


def expected_progress(action, on: date | None = None) -> int:
    """The percentage of the action's time that has passed, 0 to 100."""
    on = on or today()
    due = action.revised_due_on or action.due_on
    span = (due - action.starts_on).days
    if on <= action.starts_on:
        return 0
    if on >= due or span == 0:
        return 100
    return round(100 * (on - action.starts_on).days / span)


def explain(action, on: date | None = None) -> str:
    """Why the action has its rating, in a sentence. No queries."""
    if action.rag_override:
        return f"Set by hand: {action.rag_override_reason}"
    on = on or today()
    due = action.revised_due_on or action.due_on
    rating = suggest(action, on)
    if action.status == "signed_off":
        return "Signed off as complete."
    if action.status == "complete":
        return "Reported complete; awaiting an assistant director's sign-off."
    if action.status == "cancelled":
        return "Cancelled, so not rated."
    if due < on:
        return f"Overdue: it was due on {date_format(due, 'j F Y')}."
    if action.status == "blocked":
        return "Blocked."
    if action.starts_on > on:
        return f"Not due to start until {date_format(action.starts_on, 'j F Y')}."
    if action.status == "deferred":
        return "Deferred."
    expected = expected_progress(action, on)
    ahead_or_behind = "in line with" if rating == Rating.GREEN else "behind"
    return f"{action.progress}% done, {ahead_or_behind} the {expected}% of its time that has passed."


class DaysBetween(models.Func):
    """Whole days from ``start`` to ``end`` (end minus start) as an integer, in SQL."""

    output_field = models.IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        # PostgreSQL: subtracting one date from another gives whole days.
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def suggestion_expression(on: date) -> Case:
    """The rule of ``suggest`` as a SQL expression over an Action queryset."""
    on_value = Value(on, output_field=models.DateField())
    due = Coalesce(F("revised_due_on"), F("due_on"), output_field=models.DateField())
    span = DaysBetween(due, F("starts_on"))
    elapsed = DaysBetween(on_value, F("starts_on"))

    def within(margin: int):
        return GreaterThanOrEqual(F("progress") * span + Value(margin) * span - Value(100) * elapsed, 0)

    return Case(
        When(status__in=COMPLETE_STATUSES, then=Value(Rating.BLUE.value)),
        When(status="cancelled", then=Value(Rating.NONE.value)),
        When(LessThan(due, on_value), then=Value(Rating.RED.value)),
        When(status="blocked", then=Value(Rating.RED.value)),
        When(GreaterThan(F("starts_on"), on_value), then=Value(Rating.GREEN.value)),
        When(status="deferred", then=Value(Rating.AMBER.value)),
        When(within(GREEN_MARGIN), then=Value(Rating.GREEN.value)),
        When(within(AMBER_MARGIN), then=Value(Rating.AMBER.value)),
        default=Value(Rating.RED.value),
        output_field=models.CharField(),
    )


def rag_expression(on: date) -> Case:
    """The effective rating (the override if set, else the suggestion) as a SQL expression."""
    return Case(
        When(~Q(rag_override=""), then=F("rag_override")),
        default=suggestion_expression(on),
        output_field=models.CharField(),
    )


# Orders Red first when a list sorts by RAG: the most urgent at the top.
SORT_ORDER = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2, Rating.BLUE: 3, Rating.NONE: 4}


def sort_expression(on: date) -> Case:
    return Case(
        *[When(rag_value=rating.value, then=Value(position)) for rating, position in SORT_ORDER.items()],
        output_field=models.IntegerField(),
    )
