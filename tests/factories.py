"""Plain factories: each makes one valid object, with defaults that can be overridden."""

import itertools
from datetime import date

from django.contrib.auth.models import Group

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


# --- Improvement plan ----------------------------------------------------------


def make_plan(**fields):
    from actionplans.models import Plan

    fields.setdefault("title", "Children's Services Improvement Plan")
    fields.setdefault("starts_on", date(2014, 4, 1))
    fields.setdefault("ends_on", date(2016, 4, 30))
    fields.setdefault("status", Plan.Status.AGREED)
    return Plan.objects.create(**fields)


def make_sub_plan(parent, district, **fields):
    fields.setdefault("title", f"{district.name} improvement plan")
    return make_plan(parent=parent, district=district, **fields)


def make_theme(plan=None, **fields):
    from actionplans.models import Theme

    number = next(_sequence)
    fields.setdefault("number", number)
    fields.setdefault("title", f"Theme {number}")
    return Theme.objects.create(plan=plan or make_plan(), **fields)


def make_action(plan=None, theme=None, **fields):
    from actionplans.models import Action

    number = next(_sequence)
    if plan is None:
        plan = theme.plan if theme else make_plan()
    if theme is None:
        theme = make_theme(plan=plan.parent or plan)
    fields.setdefault("reference", f"A{number}")
    fields.setdefault("title", f"Action {number}")
    fields.setdefault("district", plan.district)
    fields.setdefault("lead_officer_name", "Lee Officer")
    fields.setdefault("lead_officer_title", "Service Manager")
    fields.setdefault("starts_on", date(2014, 9, 1))
    fields.setdefault("due_on", date(2015, 3, 31))
    findings = fields.pop("findings", ())
    action = Action.objects.create(plan=plan, theme=theme, **fields)
    if findings:
        action.findings.set(findings)
    return action


def make_update(action, author, **fields):
    from actionplans.models import ProgressUpdate

    fields.setdefault("dated", date(2014, 11, 1))
    fields.setdefault("narrative", "Workshops held in three teams.")
    fields.setdefault("rag", action.rag.value)
    fields.setdefault("progress", action.progress)
    return ProgressUpdate.objects.create(action=action, author=author, **fields)


def make_inspection(**fields):
    from inspections.models import Inspection

    fields.setdefault("kind", Inspection.Kind.FULL)
    fields.setdefault("body", "Ofsted")
    fields.setdefault("title", f"Inspection {next(_sequence)}")
    fields.setdefault("started_on", date(2013, 3, 4))
    fields.setdefault("status", Inspection.Status.PUBLISHED)
    return Inspection.objects.create(**fields)


def make_finding(inspection=None, **fields):
    from inspections.models import Finding

    number = next(_sequence)
    fields.setdefault("kind", Finding.Kind.RECOMMENDATION)
    fields.setdefault("reference", f"R{number}")
    fields.setdefault("text", f"Ensure that practice improves in area {number}.")
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
