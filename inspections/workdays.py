"""Working days in England: weekdays that are not bank holidays.

Bank holidays come from the ``holidays`` package, which ships its calendars
and so works offline. It includes substitute days (a Christmas on Saturday
moves to the Monday after Boxing Day) and one-off holidays such as jubilees.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in a year, substitute days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    A report published on a Friday with a one-working-day clock is due on the
    Monday, or the Tuesday if that Monday is a bank holiday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

    ``working_days_between(a, add_working_days(a, n)) == n`` for every working-day span.
    Counted by arithmetic, not day by day, so a clock overdue for years costs no more.
    """
    if end < start:
        return -working_days_between(end, start)
    weeks, extra = divmod((end - start).days, 7)
    weekdays = weeks * 5 + sum(1 for offset in range(1, extra + 1) if (start + timedelta(days=offset)).weekday() < 5)
    holidays_on_weekdays = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return weekdays - holidays_on_weekdays
