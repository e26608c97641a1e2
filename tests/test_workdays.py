import random
from datetime import date, timedelta

import pytest

from inspections.workdays import add_working_days, bank_holidays, is_working_day, working_days_between


def test_weekends_are_not_working_days():
    assert is_working_day(date(2014, 10, 17))  # a Friday
    assert not is_working_day(date(2014, 10, 18))
    assert not is_working_day(date(2014, 10, 19))


def test_friday_plus_one_is_monday():
    assert add_working_days(date(2014, 10, 17), 1) == date(2014, 10, 20)


def test_zero_days_is_the_same_day():
    assert add_working_days(date(2014, 10, 18), 0) == date(2014, 10, 18)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2014, 10, 17), -1)


def test_easter_is_skipped():
    # Thursday 17 April 2014; Good Friday 18 and Easter Monday 21 April are bank holidays.
    assert add_working_days(date(2014, 4, 17), 1) == date(2014, 4, 22)


def test_christmas_on_a_weekend_moves_the_holidays_to_the_next_working_days():
    # 2021: Christmas Saturday, Boxing Day Sunday; substitute days Monday 27 and Tuesday 28.
    assert {date(2021, 12, 27), date(2021, 12, 28)} <= bank_holidays(2021)
    assert add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)


def test_boxing_day_on_saturday_is_substituted_on_monday():
    # 2020: Christmas Friday, Boxing Day Saturday, substitute Monday 28 December.
    assert add_working_days(date(2020, 12, 24), 1) == date(2020, 12, 29)


def test_new_year_on_a_weekend_is_substituted_across_the_year_end():
    # 1 January 2022 was a Saturday: Monday 3 January was the bank holiday.
    assert date(2022, 1, 3) in bank_holidays(2022)
    assert add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def test_year_end_2014_christmas_on_thursday():
    # 24 Dec 2014 (Wed) + 2 working days: 25, 26 Dec bank holidays, 27-28 weekend -> 29, 30.
    assert add_working_days(date(2014, 12, 24), 2) == date(2014, 12, 30)
    # New Year's Day 2015, a Thursday
    assert add_working_days(date(2014, 12, 31), 1) == date(2015, 1, 2)


def test_one_off_bank_holidays_count():
    # The Platinum Jubilee (3 June 2022) and the state funeral (19 September 2022).
    assert add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_seventy_working_days_after_a_publication_date():
    # Children in Care / Care Leavers, published Friday 23 August 2013. The late summer bank
    # holiday (26 August) falls inside; counted by hand, the 70th working day is Monday 2 December 2013.
    assert add_working_days(date(2013, 8, 23), 70) == date(2013, 12, 2)
    # Without that bank holiday it would have been Friday 29 November.
    assert add_working_days(date(2013, 8, 23), 69) == date(2013, 11, 29)


def test_seventy_working_days_across_christmas():
    # Published Monday 3 November 2014. Counted by hand: 37 working days to Christmas Eve,
    # 40 by 31 December (25 and 26 December skipped), 41 on 2 January (1 January skipped),
    # then 29 more: Thursday 12 February 2015.
    due = add_working_days(date(2014, 11, 3), 70)
    assert due == date(2015, 2, 12)
    assert working_days_between(date(2014, 11, 3), due) == 70


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2014, 12, 24), date(2014, 12, 29), 1),
        (date(2014, 12, 29), date(2014, 12, 24), -1),
        (date(2014, 10, 17), date(2014, 10, 17), 0),
        (date(2014, 10, 18), date(2014, 10, 19), 0),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


def test_scotland_only_holidays_are_not_counted():
    # 2 January and St Andrew's Day are Scottish bank holidays, not English ones.
    assert is_working_day(date(2015, 1, 2))
    assert is_working_day(date(2015, 11, 30))


def count_day_by_day(start: date, end: date) -> int:
    sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
    return sign * sum(1 for n in range(1, (high - low).days + 1) if is_working_day(low + timedelta(days=n)))


def test_the_arithmetic_count_matches_counting_day_by_day():
    rng = random.Random(2014)
    for _ in range(400):
        start = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 365 * 15))
        end = start + timedelta(days=rng.randrange(-800, 800))
        assert working_days_between(start, end) == count_day_by_day(start, end), (start, end)


def test_add_and_between_agree():
    rng = random.Random(70)
    for _ in range(200):
        start = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 365 * 15))
        days = rng.randrange(0, 300)
        assert working_days_between(start, add_working_days(start, days)) == days
