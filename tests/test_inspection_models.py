from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections import demo
from inspections.journey import cached_journey_chart, journey_chart
from inspections.models import (
    ClockState,
    DatePrecision,
    Finding,
    Inspection,
    StatutoryClock,
    SubJudgement,
    related_elsewhere,
)
from organisation.models import District
from tests.factories import make_district, make_finding, make_inspection, make_user

pytestmark = pytest.mark.django_db


def build(**fields) -> Inspection:
    fields.setdefault("kind", Inspection.Kind.FULL)
    fields.setdefault("body", "Ofsted")
    fields.setdefault("title", "Children's services")
    fields.setdefault("started_on", date(2014, 10, 13))
    return Inspection(**fields)


def errors_of(inspection) -> dict:
    with pytest.raises(ValidationError) as raised:
        inspection.full_clean()
    return raised.value.message_dict


def test_a_valid_inspection_passes():
    build(ended_on=date(2014, 10, 17), published_on=date(2014, 12, 1), judgement="requires_improvement").full_clean()


def test_end_before_start_is_refused():
    assert "ended_on" in errors_of(build(ended_on=date(2014, 10, 12)))


def test_publication_before_start_is_refused():
    assert "published_on" in errors_of(build(published_on=date(2014, 10, 1)))


def test_adequate_is_not_on_the_scale_after_november_2013():
    message = errors_of(build(judgement="adequate"))["judgement"][0]
    assert "Choose requires improvement instead" in message


def test_requires_improvement_is_not_on_the_scale_before_november_2013():
    message = errors_of(build(started_on=date(2013, 8, 1), judgement="requires_improvement"))["judgement"][0]
    assert "Choose adequate instead" in message


def test_the_scale_changes_on_4_november_2013():
    build(started_on=date(2013, 11, 3), judgement="adequate").full_clean()
    build(started_on=date(2013, 11, 4), judgement="requires_improvement").full_clean()


def test_the_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_inspection(started_on=date(2014, 10, 13), ended_on=date(2014, 10, 1))


def test_sub_judgement_must_be_on_the_scale_of_the_inspection():
    inspection = make_inspection(started_on=date(2013, 7, 1))
    SubJudgement(inspection=inspection, area="Adoption", judgement="adequate").full_clean()
    with pytest.raises(ValidationError):
        SubJudgement(inspection=inspection, area="Adoption", judgement="requires_improvement").full_clean()


def test_an_empty_finding_is_refused_by_clean_and_by_the_database():
    inspection = make_inspection()
    with pytest.raises(ValidationError):
        Finding(inspection=inspection, kind="recommendation", reference="R1", text="   ").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(inspection=inspection, kind="recommendation", reference="R1", text="")


def test_dates_display_at_their_precision():
    notice = build(
        started_on=date(2011, 1, 1),
        started_precision=DatePrecision.YEAR,
        ended_on=date(2013, 12, 1),
        ended_precision=DatePrecision.MONTH,
    )
    assert notice.dates_display == "2011 to December 2013"
    assert build(ended_on=date(2014, 10, 17)).dates_display == "13 to 17 October 2014"
    assert build(ended_on=date(2014, 11, 2)).dates_display == "13 October to 2 November 2014"
    assert build(started_on=date(2014, 7, 1), started_precision=DatePrecision.MONTH).dates_display == "July 2014"


# --- The statutory clock -----------------------------------------------------


def test_no_clock_without_a_required_action_plan():
    assert build(published_on=date(2014, 11, 3)).clock() is None


def test_the_clock_waits_for_publication():
    assert build(action_plan_required=True).clock().state == "awaiting_publication"


def test_the_clock_counts_working_days_left_and_overdue():
    inspection = make_inspection(action_plan_required=True, published_on=date(2014, 11, 3))
    assert inspection.action_plan_due_on == date(2015, 2, 12)
    due = inspection.clock(today=date(2015, 2, 9))
    assert due == ClockState("due", date(2015, 2, 12), 3)
    assert due.description == "Due 12 February 2015: 3 working days left."
    overdue = inspection.clock(today=date(2015, 2, 16))
    assert overdue == ClockState("overdue", date(2015, 2, 12), 2)
    assert overdue.description == "Due 12 February 2015: 2 working days overdue."
    assert inspection.clock(today=date(2015, 2, 12)).description == "Due today, 12 February 2015."


def test_the_clock_stops_when_the_plan_is_submitted():
    inspection = make_inspection(
        action_plan_required=True, published_on=date(2014, 11, 3), action_plan_submitted_on=date(2015, 1, 5)
    )
    assert inspection.clock(today=date(2016, 1, 1)).state == "submitted"


def test_the_clock_is_configurable_per_kind():
    StatutoryClock.objects.create(kind=Inspection.Kind.FOCUSED, working_days=20)
    focused = make_inspection(kind=Inspection.Kind.FOCUSED, action_plan_required=True, published_on=date(2014, 11, 3))
    full = make_inspection(action_plan_required=True, published_on=date(2014, 11, 3))
    assert focused.action_plan_due_on == date(2014, 12, 1)
    assert full.action_plan_due_on == date(2015, 2, 12)
    annotated = {i.pk: i.action_plan_working_days for i in Inspection.objects.with_clock()}
    assert annotated == {focused.pk: 20, full.pk: 70}


# --- Findings ------------------------------------------------------------------


def test_moving_a_finding_swaps_it_with_its_neighbour_of_the_same_kind():
    inspection = make_inspection()
    first, second, third = (make_finding(inspection, reference=f"R{n}", position=0) for n in (1, 2, 3))
    strength = make_finding(inspection, kind=Finding.Kind.STRENGTH, reference="S1", position=0)
    assert third.move("up")
    order = list(inspection.findings.filter(kind="recommendation").values_list("reference", flat=True))
    assert order == ["R1", "R3", "R2"]
    assert not first.move("up")  # already first
    assert list(inspection.findings.filter(kind="strength")) == [strength]
    assert second.move("down") is False  # now last


def test_next_position_follows_the_last_finding():
    inspection = make_inspection()
    assert Finding.next_position(inspection) == 0
    make_finding(inspection, position=7)
    assert Finding.next_position(inspection) == 8


# --- Deletion blockers ---------------------------------------------------------


def test_related_elsewhere_names_many_to_many_references():
    # Districts have a many-to-many from people: the same shape as Action.findings.
    ashford, thanet = make_district(name="Ashford", slug="ashford"), make_district(name="Thanet", slug="thanet")
    make_user(districts=[ashford])
    make_user(districts=[ashford])
    assert related_elsewhere(District.objects.filter(pk=ashford.pk), "it") == ["2 users refer to it."]
    assert related_elsewhere(District.objects.filter(pk=thanet.pk), "it") == []


def test_an_inspection_with_nothing_answering_its_findings_can_be_deleted():
    inspection = make_inspection()
    make_finding(inspection)
    SubJudgement.objects.create(inspection=inspection, area="Adoption", judgement="good")
    assert inspection.deletion_blockers() == []


def test_deletion_blockers_look_at_every_relation_to_findings(monkeypatch):
    """Stands in for the plan's Action.findings: a relation from another model to findings."""
    inspection = make_inspection()
    finding = make_finding(inspection)
    calls = []

    def fake_related_elsewhere(queryset, what, skip=frozenset()):
        calls.append((queryset.model, what, set(queryset)))
        return ["1 action refers to its findings."] if queryset.model is Finding else []

    monkeypatch.setattr("inspections.models.related_elsewhere", fake_related_elsewhere)
    assert inspection.deletion_blockers() == ["1 action refers to its findings."]
    assert calls[0] == (Finding, "its findings", {finding})
    assert calls[1][0] is Inspection


# --- The seed's paragraph 1.5, from the demo data ------------------------------

SEED_PARAGRAPH_1_5 = [
    "Fostering Services – published report 31 July 2012 (adequate)",
    "Children in need of help and protection (Safeguarding) – published report 15 January 2013 (adequate)",
    "Adoption support services – published report 18 June 2013 (adequate)",
    "Children in Care / Care Leavers – published report 23 August 2013 (adequate)",
    "Thematic Inspection of Child Sexual Exploitation (CSE) – joint national report expected to be published "
    "November 2014",
]


def test_paragraph_1_5_is_reproduced_from_the_demo_data(django_assert_num_queries):
    demo.load()
    with django_assert_num_queries(1):
        lines = Inspection.objects.journey_lines(since=date(2012, 1, 1))
    assert lines == SEED_PARAGRAPH_1_5


SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_0c43ad1004d35b3c.txt"


def test_demo_quotes_the_seed_word_for_word():
    if not SEED.exists():
        pytest.skip(f"The seed paper is not at {SEED}")
    demo.load()
    # The paper's Markdown links ([CSE Strategy](#)) are dropped; the words are compared.
    paper = " ".join(SEED.read_text(encoding="utf-8").replace("[", "").replace("](#)", "").split())
    quoted = Finding.objects.exclude(inspection__body="Ofsted", kind="recommendation")
    assert quoted.count() == 7 + 5 + 4 + 6
    for text in quoted.values_list("text", flat=True):
        assert " ".join(text.split()) in paper, text


def test_demo_holds_the_seed_inspections():
    demo.load()
    titles = set(Inspection.objects.values_list("title", flat=True))
    assert {
        "Improvement Notice",
        "Improvement Notice Assurance Review",
        "Review of Kent Adoption Services' improvement journey",
        "Annex A Peer Review",
        "SESLIP Peer Challenge of the Kent Safeguarding Children Board",
        "Thematic Inspection of Child Sexual Exploitation (CSE)",
    } <= titles
    notice = Inspection.objects.get(title="Improvement Notice")
    assert notice.dates_display == "2011 to December 2013"
    review = Inspection.objects.get(title="Improvement Notice Assurance Review")
    assert review.findings.filter(kind="key_enabler").count() == 7
    assert review.findings.filter(kind="area_for_development").count() == 5
    cse = Inspection.objects.get(title__startswith="Thematic")
    assert cse.dates_display == "13 to 17 October 2014"
    assert cse.findings.filter(kind="key_observation").count() == 6
    assert Inspection.objects.get(title="SESLIP Peer Challenge of the Kent Safeguarding Children Board").status == (
        "scheduled"
    )


def test_demo_can_run_twice_without_changing_anything():
    first = demo.load()
    history_rows = Inspection.history.count() + Finding.history.count()
    second = demo.load()
    assert first["inspections"] == 10
    assert second == {"inspections": 0, "findings": 0, "statutory clocks": 0}
    assert Inspection.history.count() + Finding.history.count() == history_rows


def test_the_journey_chart_is_the_same_each_time_and_says_what_it_shows():
    demo.load()
    inspections = list(Inspection.objects.order_by("started_on", "title"))
    first, second = journey_chart(inspections), journey_chart(inspections)
    assert first.svg == second.svg
    assert first.alt.startswith("Timeline of 10 inspections and reviews from 2011 to 2014.")
    assert "Fostering Services, July 2012: adequate" in first.alt


def test_the_cached_journey_chart_is_redrawn_when_the_data_changes():
    inspection = make_inspection(started_on=date(2013, 7, 1), judgement="adequate")
    before = cached_journey_chart([inspection])
    assert cached_journey_chart([inspection]) is not None
    assert cached_journey_chart([inspection]).svg == before.svg
    inspection.judgement = "good"
    after = cached_journey_chart([inspection])
    assert after.svg != before.svg
    assert "good" in after.alt and "adequate" not in after.alt
