"""Adding and editing plans, district sub-plans and themes: assistant directors only."""

import pytest
from django.urls import reverse

from actionplans.models import Plan, Theme
from tests.factories import make_plan, make_sub_plan, make_theme

pytestmark = pytest.mark.django_db


def plan_post(**fields) -> dict:
    data = {
        "title": "Children's Services Improvement Plan April 2014 – April 2016",
        "starts_on_0": "1",
        "starts_on_1": "4",
        "starts_on_2": "2014",
        "ends_on_0": "30",
        "ends_on_1": "4",
        "ends_on_2": "2016",
        "agreed_by": "SCS DivMT",
        "agreed_on_0": "1",
        "agreed_on_1": "8",
        "agreed_on_2": "2014",
        "status": "agreed",
        "parent": "",
        "district": "",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("name", ["plan_create", "plan_edit", "theme_create"])
def test_ladder(client, viewer_client, pm_client, director_client, name):
    plan = make_plan()
    url = reverse(name) if name == "plan_create" else reverse(name, args=[plan.pk])
    assert client.get(url).status_code == 302
    assert viewer_client.get(url).status_code == 403
    assert pm_client.post(url, plan_post()).status_code == 403
    assert director_client.put(url).status_code == 405
    assert director_client.get(url).status_code == 200


def test_director_adds_a_countywide_plan_and_a_district_sub_plan(director_client, district):
    assert director_client.post(reverse("plan_create"), plan_post()).status_code == 302
    county = Plan.objects.get()
    assert county.agreed_by == "SCS DivMT" and county.history.count() == 1
    response = director_client.post(
        reverse("plan_create"), plan_post(title="Ashford plan", parent=county.pk, district=district.pk)
    )
    assert response.status_code == 302
    assert county.sub_plans.get().district == district


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_on_2": "2013"}, "The end date must be the same as or after the start date"),
        ({"district": "DISTRICT"}, "Choose the countywide plan this district sub-plan sits under"),
        ({"parent": "PARENT"}, "Choose the district this sub-plan is for"),
        ({"parent": "PARENT", "district": "DISTRICT"}, "already has a sub-plan under this plan"),
    ],
)
def test_bad_plans_are_refused(director_client, district, fields, message):
    county = make_plan()
    make_sub_plan(county, district)
    swap = {"DISTRICT": str(district.pk), "PARENT": str(county.pk)}
    fields = {key: swap.get(value, value) for key, value in fields.items()}
    response = director_client.post(reverse("plan_create"), plan_post(**fields))
    assert response.status_code == 400
    assert message in response.text
    assert Plan.objects.count() == 2


def test_themes_are_numbered_uniquely_and_only_on_countywide_plans(director_client, district):
    county = make_plan()
    make_theme(plan=county, number=1, title="Quality of Practice")
    url = reverse("theme_create", args=[county.pk])
    response = director_client.post(url, {"number": 1, "title": "Again"})
    assert response.status_code == 400 and "The plan already has a theme 1" in response.text
    assert director_client.post(url, {"number": 2, "title": "Effective Front Door"}).status_code == 302
    theme = Theme.objects.get(number=2)
    edit = reverse("theme_edit", args=[county.pk, theme.pk])
    assert director_client.post(edit, {"number": 2, "title": "Effective front door"}).status_code == 302
    theme.refresh_from_db()
    assert theme.title == "Effective front door" and theme.history.count() == 2
    sub_plan = make_sub_plan(county, district)
    assert director_client.get(reverse("theme_create", args=[sub_plan.pk])).status_code == 404


def test_edit_a_plan(director_client):
    plan = make_plan(status=Plan.Status.DRAFT)
    response = director_client.post(reverse("plan_edit", args=[plan.pk]), plan_post(status="agreed"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "agreed" and plan.history.count() == 2
