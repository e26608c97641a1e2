"""The scorecard's arithmetic, on cases worked out by hand, with polarity both ways."""

from collections import namedtuple
from decimal import Decimal as D

import pytest

from performance import scorecard as sc

Row = namedtuple("Row", "status direction")


@pytest.mark.parametrize(
    ("value", "target", "floor", "polarity", "expected"),
    [
        # Higher is better: target 80, floor 70.
        (D("85"), D("80"), D("70"), sc.HIGHER, sc.MET),
        (D("80"), D("80"), D("70"), sc.HIGHER, sc.MET),  # exactly on target counts as met
        (D("75"), D("80"), D("70"), sc.HIGHER, sc.BELOW_TARGET),
        (D("70"), D("80"), D("70"), sc.HIGHER, sc.BELOW_TARGET),  # on the floor is not past it
        (D("69.9"), D("80"), D("70"), sc.HIGHER, sc.BELOW_FLOOR),
        # Lower is better: target 15 (e.g. caseload), floor 20.
        (D("12"), D("15"), D("20"), sc.LOWER, sc.MET),
        (D("15"), D("15"), D("20"), sc.LOWER, sc.MET),
        (D("18"), D("15"), D("20"), sc.LOWER, sc.BELOW_TARGET),
        (D("20"), D("15"), D("20"), sc.LOWER, sc.BELOW_TARGET),
        (D("21"), D("15"), D("20"), sc.LOWER, sc.BELOW_FLOOR),
        # No floor: short of target is amber however far.
        (D("1"), D("80"), None, sc.HIGHER, sc.BELOW_TARGET),
        (D("99"), D("15"), None, sc.LOWER, sc.BELOW_TARGET),
        # No target, no value.
        (D("50"), None, None, sc.HIGHER, sc.NO_TARGET),
        (None, D("80"), D("70"), sc.HIGHER, sc.NO_VALUE),
    ],
)
def test_status(value, target, floor, polarity, expected):
    assert sc.status(value, target, floor, polarity) == expected


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        (D("80"), D("75"), sc.HIGHER, sc.IMPROVED),
        (D("75"), D("80"), sc.HIGHER, sc.WORSENED),
        (D("75"), D("80"), sc.LOWER, sc.IMPROVED),
        (D("80"), D("75"), sc.LOWER, sc.WORSENED),
        (D("80.00"), D("80"), sc.HIGHER, sc.SAME),
        (D("80"), None, sc.HIGHER, sc.NO_PREVIOUS),
        (None, D("80"), sc.LOWER, sc.NO_PREVIOUS),
    ],
)
def test_direction(current, previous, polarity, expected):
    assert sc.direction(current, previous, polarity) == expected


@pytest.mark.parametrize(
    ("target", "floor", "polarity", "right_side"),
    [
        (D("80"), D("70"), sc.HIGHER, True),
        (D("80"), D("90"), sc.HIGHER, False),
        (D("15"), D("20"), sc.LOWER, True),
        (D("15"), D("10"), sc.LOWER, False),
        (D("80"), D("80"), sc.HIGHER, True),
        (None, D("10"), sc.LOWER, True),
    ],
)
def test_floor_side(target, floor, polarity, right_side):
    assert sc.floor_is_on_the_right_side(target, floor, polarity) is right_side


def test_summary_sentence_of_the_issue_example():
    rows = (
        [Row(sc.MET, sc.IMPROVED)] * 10
        + [Row(sc.MET, sc.SAME)] * 3
        + [Row(sc.MET, sc.WORSENED)] * 2
        + [Row(sc.BELOW_TARGET, sc.IMPROVED)] * 3
        + [Row(sc.BELOW_TARGET, sc.SAME)] * 1
        + [Row(sc.BELOW_TARGET, sc.WORSENED)] * 2
        + [Row(sc.BELOW_FLOOR, sc.IMPROVED)] * 1
        + [Row(sc.BELOW_FLOOR, sc.WORSENED)] * 2
    )
    summary = sc.summarise(rows)
    assert summary.sentence == (
        "Of 24 indicators, 15 met target (63%), 6 are below target, 3 below floor; "
        "14 improved, 4 stayed the same, 6 worsened"
    )


def test_summary_mentions_indicators_without_target_or_history():
    rows = [Row(sc.MET, sc.IMPROVED), Row(sc.NO_TARGET, sc.SAME), Row(sc.BELOW_TARGET, sc.NO_PREVIOUS)]
    assert sc.summarise(rows).sentence == (
        "Of 3 indicators, 1 met target (33%), 1 is below target, 0 below floor, 1 has no target; "
        "1 improved, 1 stayed the same, 0 worsened, 1 has no earlier value"
    )


def test_summary_of_nothing():
    assert sc.summarise([]).sentence == "There are no indicators to report."
