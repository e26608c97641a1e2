"""Plain factories: each makes one valid object, with defaults that can be overridden."""

import itertools
from datetime import date

from django.contrib.auth.models import Group

from inspections.models import Finding, Inspection
from organisation.models import District, User

_sequence = itertools.count(1)


def make_district(**fields) -> District:
    number = next(_sequence)
    fields.setdefault("name", f"District {number}")
    fields.setdefault("slug", f"district-{number}")
    return District.objects.create(**fields)


def make_user(role: str | None = None, districts=(), **fields) -> User:
    number = next(_sequence)
    fields.setdefault("username", f"person{number}")
    fields.setdefault("first_name", "Test")
    fields.setdefault("last_name", f"Person {number}")
    fields.setdefault("email", f"person{number}@example.org")
    password = fields.pop("password", "a-long-test-password")
    user = User.objects.create_user(password=password, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if districts:
        user.districts.set(districts)
    return user


def make_inspection(**fields) -> Inspection:
    number = next(_sequence)
    fields.setdefault("kind", Inspection.Kind.FULL)
    fields.setdefault("body", "Ofsted")
    fields.setdefault("title", f"Inspection {number}")
    fields.setdefault("started_on", date(2014, 10, 13))
    fields.setdefault("status", Inspection.Status.SCHEDULED)
    return Inspection.objects.create(**fields)


def make_finding(inspection: Inspection | None = None, **fields) -> Finding:
    number = next(_sequence)
    fields.setdefault("kind", Finding.Kind.RECOMMENDATION)
    fields.setdefault("reference", f"R{number}")
    fields.setdefault("text", f"Improve practice number {number}.")
    fields.setdefault("position", number)
    return Finding.objects.create(inspection=inspection or make_inspection(), **fields)


def make_indicator(**fields):
    from performance.models import Indicator

    number = next(_sequence)
    fields.setdefault("reference", f"IND{number}")
    fields.setdefault("name", f"Indicator {number}")
    fields.setdefault("unit", Indicator.Unit.PERCENT)
    fields.setdefault("polarity", Indicator.Polarity.HIGHER)
    fields.setdefault("target", 80)
    fields.setdefault("floor", 70)
    return Indicator.objects.create(**fields)
