"""Query budgets: the list and detail pages make as many queries at 500 inspections as at 10."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.models import Finding, Inspection, SubJudgement

pytestmark = pytest.mark.django_db

FINDINGS_EACH = 20


def add_inspections(count: int, start: int = 0) -> list[Inspection]:
    kinds = list(Inspection.Kind)
    inspections = Inspection.objects.bulk_create(
        Inspection(
            kind=kinds[number % len(kinds)],
            body=f"Body {number % 7}",
            title=f"Inspection {number:04}",
            started_on=date(2010, 1, 1) + timedelta(days=number * 3),
            published_on=date(2010, 2, 1) + timedelta(days=number * 3),
            status=Inspection.Status.PUBLISHED,
            action_plan_required=number % 2 == 0,
        )
        for number in range(start, start + count)
    )
    Finding.objects.bulk_create(
        Finding(
            inspection=inspection,
            kind=list(Finding.Kind)[position % len(Finding.Kind)],
            reference=f"R{position}",
            text=f"Finding {position} of {inspection.title}.",
            position=position,
        )
        for inspection in inspections
        for position in range(FINDINGS_EACH)
    )
    SubJudgement.objects.bulk_create(
        SubJudgement(inspection=inspection, area=f"Area {n}", judgement="good")
        for inspection in inspections
        for n in range(3)
    )
    return inspections


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", ["", "?sort=-published_on", "?kind=full&page=2", "?status=published&sort=title&page=3"], ids=str
)
def test_the_list_makes_the_same_queries_at_10_and_500(pm_client, query):
    add_inspections(10)
    url = reverse("inspection_list") + query
    small = count_queries(pm_client, url)
    add_inspections(490, start=10)
    assert Finding.objects.count() == 500 * FINDINGS_EACH
    assert count_queries(pm_client, url) == small
    assert small <= 12, f"the list made {small} queries"


def test_the_detail_makes_the_same_queries_at_10_and_500(pm_client, project_manager):
    first = add_inspections(10)[0]
    # Some history too, so the history block is exercised.
    for title in ("Renamed once", "Renamed twice"):
        first.title = title
        first._history_user = project_manager
        first.save()
    url = reverse("inspection_detail", args=[first.pk])
    small = count_queries(pm_client, url)
    add_inspections(490, start=10)
    Finding.objects.bulk_create(
        Finding(inspection=first, kind="recommendation", reference=f"X{n}", text="More", position=100 + n)
        for n in range(40)
    )
    assert count_queries(pm_client, url) == small
    assert small <= 15, f"the detail page made {small} queries"


def test_the_journey_makes_the_same_queries_at_10_and_100(pm_client):
    add_inspections(10)
    url = reverse("improvement_journey")
    small = count_queries(pm_client, url)
    add_inspections(90, start=10)
    assert count_queries(pm_client, url) == small
