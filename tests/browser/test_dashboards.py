from datetime import date

import pytest
from playwright.sync_api import expect

from actionplans.models import Action
from performance.models import IndicatorValue
from tests.accessibility import assert_accessible
from tests.factories import make_action, make_indicator, make_plan, make_sub_plan, make_theme

pytestmark = pytest.mark.browser


@pytest.fixture
def plan_with_actions(settings, district, other_district):
    settings.AS_OF_DATE = date(2014, 12, 1)
    plan = make_plan()
    quality = make_theme(plan=plan, number=1, title="Quality of Practice")
    make_theme(plan=plan, number=2, title="Effective Front Door")
    ashford = make_sub_plan(plan, district)
    make_action(plan=ashford, theme=quality, title="Audit ten case files", due_on=date(2014, 11, 1))
    make_action(plan=ashford, theme=quality, title="Hold practice workshops", progress=95)
    make_action(plan=make_sub_plan(plan, other_district), theme=quality, status=Action.Status.BLOCKED)
    indicator = make_indicator(name="Visits within timescale")
    for area, value in [(None, 85), (district, 70), (other_district, 92)]:
        IndicatorValue.objects.create(indicator=indicator, district=area, period=date(2014, 11, 1), value=value)
    return plan


def test_a_director_follows_a_red_cell_to_the_actions(page, sign_in, director, district, plan_with_actions):
    sign_in(director)
    expect(page.get_by_role("heading", name="County dashboard")).to_be_visible()
    assert_accessible(page)
    grid = page.get_by_role("region", name="Actions by district and theme (scrolls sideways)")
    grid.get_by_role("row", name="Ashford").get_by_role("link", name="1 red in Ashford, theme 1").click()
    expect(page.get_by_role("link", name="Audit ten case files")).to_be_visible()
    expect(page.get_by_role("link", name="Hold practice workshops")).to_have_count(0)
    assert "rag=red" in page.url


@pytest.mark.parametrize("path", ["/districts/", "/districts/ashford/", "/districts/compare/", "/indicators/"])
def test_dashboards_are_accessible(page, sign_in, viewer, plan_with_actions, path):
    sign_in(viewer)
    page.goto(path)
    assert_accessible(page)


def test_a_dashboard_as_at_a_date_works_without_javascript(browser, live_server, viewer, plan_with_actions):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(viewer.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("See the figures as at another date").click()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2014")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_text("As recorded at the end of 31 October 2014.")).to_be_visible()
    context.close()
