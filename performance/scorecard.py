"""How an indicator's value is rated against its target and floor, and how it moved.

Plain functions on plain values, so the arithmetic can be tested by hand and the
same rules serve the pages, the dashboards and the committee papers.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HIGHER = "higher"
LOWER = "lower"

MET = "met"
BELOW_TARGET = "below_target"
BELOW_FLOOR = "below_floor"
NO_TARGET = "no_target"
NO_VALUE = "no_value"

IMPROVED = "improved"
SAME = "same"
WORSENED = "worsened"
NO_PREVIOUS = "no_previous"

STATUS_LABELS = {
    MET: "Target met",
    BELOW_TARGET: "Below target",
    BELOW_FLOOR: "Below floor",
    NO_TARGET: "No target",
    NO_VALUE: "No value",
}
# The RAG rating each status is shown with (never by colour alone).
STATUS_RAG = {MET: "green", BELOW_TARGET: "amber", BELOW_FLOOR: "red", NO_TARGET: "none", NO_VALUE: "none"}
DIRECTION_LABELS = {IMPROVED: "Improved", SAME: "No change", WORSENED: "Worsened", NO_PREVIOUS: "No earlier value"}


def better(a: Decimal, b: Decimal, polarity: str) -> bool:
    """Whether ``a`` is strictly better than ``b``."""
    return a > b if polarity == HIGHER else a < b


def status(value: Decimal | None, target: Decimal | None, floor: Decimal | None, polarity: str) -> str:
    """Green: target met; amber: short of target but not past the floor; red: past the floor."""
    if value is None:
        return NO_VALUE
    if target is None:
        return NO_TARGET
    if not better(target, value, polarity):
        return MET
    if floor is not None and better(floor, value, polarity):
        return BELOW_FLOOR
    return BELOW_TARGET


def direction(current: Decimal | None, previous: Decimal | None, polarity: str) -> str:
    if current is None or previous is None:
        return NO_PREVIOUS
    if current == previous:
        return SAME
    return IMPROVED if better(current, previous, polarity) else WORSENED


def floor_is_on_the_right_side(target: Decimal | None, floor: Decimal | None, polarity: str) -> bool:
    """A floor is the worse limit: below the target when higher is better, above it when lower is."""
    if target is None or floor is None:
        return True
    return not better(floor, target, polarity)


@dataclass
class ScorecardSummary:
    total: int
    statuses: Counter
    directions: Counter

    def percent(self, count: int) -> int:
        """Rounded half up, as people round (15 of 24 is 63%, not Python's 62%)."""
        if not self.total:
            return 0
        return int((Decimal(100 * count) / self.total).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def sentence(self) -> str:
        """For example: "Of 24 indicators, 15 met target (63%), 6 are below target, 3 below floor;
        14 improved, 4 stayed the same, 6 worsened"."""
        if not self.total:
            return "There are no indicators to report."
        s, d = self.statuses, self.directions
        noun = "indicator" if self.total == 1 else "indicators"
        parts = [
            f"Of {self.total} {noun}, {s[MET]} met target ({self.percent(s[MET])}%)",
            f"{s[BELOW_TARGET]} {'is' if s[BELOW_TARGET] == 1 else 'are'} below target",
            f"{s[BELOW_FLOOR]} below floor",
        ]
        if s[NO_TARGET]:
            parts.append(f"{s[NO_TARGET]} {'has' if s[NO_TARGET] == 1 else 'have'} no target")
        if s[NO_VALUE]:
            parts.append(f"{s[NO_VALUE]} {'has' if s[NO_VALUE] == 1 else 'have'} no value yet")
        moves = [f"{d[IMPROVED]} improved", f"{d[SAME]} stayed the same", f"{d[WORSENED]} worsened"]
        if d[NO_PREVIOUS]:
            moves.append(f"{d[NO_PREVIOUS]} {'has' if d[NO_PREVIOUS] == 1 else 'have'} no earlier value")
        return ", ".join(parts) + "; " + ", ".join(moves)


def summarise(rows) -> ScorecardSummary:
    """Summarises rows that each have ``status`` and ``direction`` attributes."""
    rows = list(rows)
    return ScorecardSummary(
        total=len(rows),
        statuses=Counter(row.status for row in rows),
        directions=Counter(row.direction for row in rows),
    )
