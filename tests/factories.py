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


# --- Inspections ---------------------------------------------------------------


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


def make_seed_inspections() -> dict:
    """The inspections and findings the December 2014 paper quotes, as the tests need them."""
    from inspections.models import Finding, Inspection, Judgement
    from reports.demo import KEY_ENABLER_KIND

    full = Inspection.Kind.FULL
    made = {
        "fostering": make_inspection(
            title="Fostering Services", kind=full, started_on=date(2012, 6, 18), published_on=date(2012, 7, 31),
            judgement=Judgement.ADEQUATE, status=Inspection.Status.PUBLISHED,
        ),
        "safeguarding": make_inspection(
            title="Children in need of help and protection (Safeguarding)", kind=full,
            started_on=date(2012, 12, 3), published_on=date(2013, 1, 15), judgement=Judgement.ADEQUATE,
            status=Inspection.Status.PUBLISHED,
        ),
        "adoption": make_inspection(
            title="Adoption support services", kind=full, started_on=date(2013, 5, 13),
            published_on=date(2013, 6, 18), judgement=Judgement.ADEQUATE, status=Inspection.Status.PUBLISHED,
        ),
        "cic": make_inspection(
            title="Children in Care / Care Leavers", kind=full, started_on=date(2013, 7, 15),
            published_on=date(2013, 8, 23), judgement=Judgement.ADEQUATE, status=Inspection.Status.PUBLISHED,
        ),
        "cse": make_inspection(
            title="Thematic Inspection of Child Sexual Exploitation (CSE)", kind=Inspection.Kind.THEMATIC,
            started_on=date(2014, 10, 13), ended_on=date(2014, 10, 17), publication_expected="November 2014",
            status=Inspection.Status.AWAITING_REPORT,
        ),
        "assurance": make_inspection(
            title="Improvement Notice Assurance Review", kind=Inspection.Kind.ASSURANCE, body="Improvement Board",
            started_on=date(2014, 7, 1),
        ),
        "annex_a": make_inspection(
            title="Annex A Peer Review", kind=Inspection.Kind.PEER_REVIEW, body="SESLIP", started_on=date(2014, 10, 1),
        ),
    }  # fmt: skip
    for text in [
        "Recruitment and retention of qualified social workers",
        "Learning and development opportunities",
        "Quality assurance and performance management",
    ]:
        make_finding(made["assurance"], kind=KEY_ENABLER_KIND, text=text)
    for text in [
        "Ensuring supervision continues to develop as a reflective activity, and does not become overly task "
        "focused or lacking in analysis",
        "Further developing the range and volume of post adoption support services.",
    ]:
        make_finding(made["assurance"], kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text=text)
    make_finding(
        made["annex_a"], kind=Finding.Kind.AREA_FOR_DEVELOPMENT,
        text="The Joint Strategic Needs Assessment is currently being refreshed",
    )  # fmt: skip
    for text in [
        "In the 18 cases that were tracked, the interventions brought about improvements for the child.",
        "There continue to be variances in practice across the County.",
    ]:
        make_finding(made["cse"], kind=Finding.Kind.KEY_OBSERVATION, text=text)
    return made


# --- Committee papers -------------------------------------------------------------


def make_committee(**fields):
    from reports.models import Committee

    fields.setdefault("name", f"Committee {next(_sequence)}")
    return Committee.objects.create(**fields)


def make_paper(**fields):
    from reports.models import Paper

    number = next(_sequence)
    if "committee" not in fields:
        fields["committee"] = make_committee()
    fields.setdefault("meeting_date", date(2014, 12, 3))
    fields.setdefault("subject", f"Paper {number}")
    fields.setdefault("presented_by", "Peter Oakford, Cabinet Member for Specialist Children's Services")
    fields.setdefault("previous_pathway", "Children's Services Improvement Programme")
    fields.setdefault("electoral_division", "All")
    fields.setdefault("summary", "This report provides an update.")
    fields.setdefault("recommendations", "Members are asked to **NOTE** the progress.")
    fields.setdefault("contact_name", "Patricia Denney")
    fields.setdefault("contact_email", "patricia.denney@example.org")
    fields.setdefault("author_name", "Emily Perkins")
    fields.setdefault("author_email", "emily.perkins@example.org")
    return Paper.objects.create(**fields)


def make_section(paper, **fields):
    fields.setdefault("heading", f"Section {next(_sequence)}")
    fields.setdefault("position", paper.next_section_position())
    return paper.sections.create(**fields)


def make_block(section, **fields):
    fields.setdefault("kind", "text")
    fields.setdefault("position", section.next_block_position())
    return section.blocks.create(**fields)
