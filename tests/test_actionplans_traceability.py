"""From findings to actions: coverage per inspection, the partials, and the list of gaps."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import traceability
from actionplans.demo import load as load_plan_demo
from actionplans.models import Action, Plan, ProgressUpdate
from inspections.models import Finding
from organisation.demo import load as load_organisation_demo
from tests.factories import make_action, make_finding, make_inspection, make_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return make_inspection(title="Ofsted inspection of services for children in need of help and protection")


def test_coverage_counts_recommendations_with_actions_and_signed_off(inspection, director):
    answered, signed, gap = (make_finding(inspection) for _ in range(3))
    make_finding(inspection, kind=Finding.Kind.STRENGTH)
    theme = make_theme()
    make_action(theme=theme, findings=[answered])
    make_action(theme=theme, findings=[signed], status="signed_off", signed_off_by=director)
    coverage = traceability.coverage_for(inspection)
    assert (coverage.recommendations, coverage.with_action, coverage.signed_off) == (3, 2, 1)
    assert coverage.without_action == 1
    html = render_to_string("actionplans/_coverage.html", {"coverage": coverage})
    assert "2 of 3" in html and "1</strong> signed off" in html
    assert gap.pk not in {f.pk for f in Finding.objects.filter(actions__isnull=False)}


def test_coverage_for_many_inspections_is_one_query(inspection):
    other = make_inspection()
    for each in (inspection, other):
        make_action(theme=make_theme(), findings=[make_finding(each)])
    with CaptureQueriesContext(connection) as queries:
        coverage = traceability.coverage_by_inspection([inspection.pk, other.pk])
    assert len(queries) == 1
    assert coverage[inspection.pk].with_action == coverage[other.pk].with_action == 1


def test_finding_actions_partial_shows_each_action_with_its_rag(inspection, settings):
    finding = make_finding(inspection)
    action = make_action(findings=[finding], reference="4.3", title="Hold return interviews")
    html = render_to_string("actionplans/_finding_actions.html", {"actions": [action], "finding": finding})
    assert "4.3 Hold return interviews" in html and f"app-rag--{action.rag.value}" in html
    assert reverse("rag_key") in html
    gap = make_finding(inspection)
    assert "No action yet" in render_to_string("actionplans/_finding_actions.html", {"actions": [], "finding": gap})


def test_template_tags_for_the_inspection_pages(inspection):
    finding = make_finding(inspection)
    make_action(findings=[finding], reference="9.9")
    from django.template import Context, Template

    html = Template(
        "{% load actionplans %}{% inspection_coverage inspection %}{% finding_actions finding %}"
        "{% actions_for_findings findings as by_finding %}{{ by_finding|get_item:finding.pk|length }}"
    ).render(Context({"inspection": inspection, "finding": finding, "findings": [finding]}))
    assert "1 of 1" in html and "9.9" in html and html.endswith("1")


def test_the_gaps_page_lists_only_unanswered_recommendations_and_areas(viewer_client, inspection):
    answered = make_finding(inspection, text="Answered recommendation")
    make_action(findings=[answered])
    make_finding(inspection, text="Ensure return interviews are routine")
    make_finding(inspection, kind=Finding.Kind.AREA_FOR_DEVELOPMENT, text="Quality of supervision")
    make_finding(inspection, kind=Finding.Kind.STRENGTH, text="Operation Lakeland praised")
    response = viewer_client.get(reverse("unanswered_findings"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ensure return interviews are routine" in text and "Quality of supervision" in text
    assert "Answered recommendation" not in text and "Operation Lakeland" not in text


def test_action_page_shows_the_findings_it_answers(viewer_client, inspection):
    finding = make_finding(inspection, text="Ensure that return interviews are routine.")
    action = make_action(findings=[finding])
    assert "Ensure that return interviews are routine." in viewer_client.get(action.get_absolute_url()).text


# --- Demo data --------------------------------------------------------------------


def test_demo_plan_loads_twice_without_change(settings):
    load_organisation_demo()
    inspection = make_inspection(title="CSE thematic inspection")
    make_finding(
        inspection,
        kind=Finding.Kind.KEY_OBSERVATION,
        text="Although return interviews are happening, this practice is not always routine.",
    )
    first = load_plan_demo()
    assert first["plans"] == 13 and first["themes"] == 5
    countywide = Plan.objects.get(parent=None)
    assert countywide.agreed_by == "SCS DivMT" and countywide.agreed_on.strftime("%B %Y") == "August 2014"
    assert [theme.title for theme in countywide.themes.all()][:2] == ["Quality of Practice", "Effective Front Door"]
    assert Action.objects.get(plan=countywide, reference="4.3").findings.count() == 1
    assert ProgressUpdate.objects.filter(review_status="awaiting").exists()
    history_rows = Action.history.count()

    second = load_plan_demo()
    assert set(second.values()) == {0}
    assert Action.history.count() == history_rows


def test_demo_districts_really_differ(settings):
    from datetime import date

    settings.AS_OF_DATE = date(2014, 12, 1)
    load_organisation_demo()
    load_plan_demo()
    reds = {
        plan.district.name: sum(action.rag.value == "red" for action in plan.actions.all())
        for plan in Plan.objects.filter(parent__isnull=False).select_related("district").prefetch_related("actions")
    }
    assert reds["Thanet"] >= 5 and reds["Ashford"] == 0 and reds["Sevenoaks"] == 0
    assert len(set(reds.values())) >= 3


def test_the_papers_plan_themes_block_lists_the_countywide_themes():
    from reports import blocks
    from tests.factories import make_paper

    assert blocks.render("plan_themes", {}, make_paper()).missing == "the countywide improvement plan"
    load_organisation_demo()
    load_plan_demo()
    html = blocks.render_block("plan_themes", {}, make_paper())
    assert "(1) Quality of Practice" in html and "(5) Improved Outcomes for Children in Care" in html


def test_the_inspection_pages_show_the_actions_and_the_coverage(viewer_client, inspection, director):
    answered = make_finding(inspection, text="Ensure that return interviews are routine.")
    signed = make_finding(inspection, text="Analyse return interviews across the county.")
    make_finding(inspection, text="A gap with no action.")
    make_action(findings=[answered], reference="4.3", title="Hold return interviews")
    make_action(findings=[signed], reference="4.4", title="Analyse them", status="signed_off", signed_off_by=director)
    page = viewer_client.get(inspection.get_absolute_url()).content.decode()
    assert "2 of 3</strong> recommendations have an action" in page
    assert "<strong>1</strong> signed off" in page
    assert "4.3 Hold return interviews" in page and "No action yet" in page
    finding_page = viewer_client.get(answered.get_absolute_url()).content.decode()
    assert "Actions that answer it" in finding_page and "4.3 Hold return interviews" in finding_page


def test_links_for_findings_agree_with_the_coverage_query(inspection, director):
    findings = [make_finding(inspection) for _ in range(4)]
    make_action(findings=findings[:2])
    make_action(findings=[findings[2]], status="signed_off", signed_off_by=director)
    _, coverage = traceability.links_for_findings(findings)
    assert coverage == traceability.coverage_for(inspection)
