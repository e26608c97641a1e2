import pytest
from playwright.sync_api import expect

from inspections import demo
from inspections.models import Inspection
from tests.accessibility import assert_accessible

pytestmark = pytest.mark.browser

SCREENSHOTS = "/tmp"


@pytest.fixture
def demo_data(transactional_db):
    demo.load()


def cse():
    return Inspection.objects.get(title__startswith="Thematic Inspection")


def test_the_list_is_accessible(page, sign_in, viewer, demo_data):
    sign_in(viewer)
    page.goto("/inspections/")
    expect(page.get_by_role("heading", name="Inspections and reviews", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Fostering Services")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/inspections-list.png", full_page=True)


def test_the_list_filters_without_javascript(browser, live_server, viewer, demo_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("viewer")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/inspections/")
    page.get_by_label("Kind").select_option("peer_review")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(3)  # header and two peer reviews
    expect(page.get_by_role("link", name="Annex A Peer Review")).to_be_visible()
    context.close()


def test_the_detail_page_is_accessible(page, sign_in, project_manager, demo_data):
    sign_in(project_manager)
    page.goto(cse().get_absolute_url())
    expect(page.get_by_role("heading", name="Key observations (6)")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/inspections-detail.png", full_page=True)


def test_the_journey_is_accessible(page, sign_in, viewer, demo_data):
    sign_in(viewer)
    page.goto("/inspections/journey/")
    chart = page.get_by_role("img", name="Timeline of 10 inspections and reviews")
    expect(chart).to_be_visible()
    assert page.evaluate("document.querySelector('img.app-chart').naturalWidth") > 0  # the SVG really draws
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/inspections-journey.png", full_page=True)


def test_the_form_and_its_errors_are_accessible(page, sign_in, director, demo_data):
    sign_in(director)
    page.goto("/inspections/new/")
    expect(page.get_by_role("heading", name="Record an inspection or review")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Focused visit")
    page.locator("#id_started_on_0").fill("17")
    page.locator("#id_started_on_1").fill("10")
    page.locator("#id_started_on_2").fill("2014")
    page.locator("#id_ended_on_0").fill("13")
    page.locator("#id_ended_on_1").fill("10")
    page.locator("#id_ended_on_2").fill("2014")
    page.get_by_label("Overall judgement (optional)").select_option("adequate")
    page.get_by_role("button", name="Record inspection").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The end date must be the same as or after the start date.")
    expect(summary).to_contain_text("Adequate was not on Ofsted's scale from 4 November 2013.")
    expect(page).to_have_title("Error: Record an inspection – Children's services improvement tracker")
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/inspections-form-errors.png", full_page=True)
    assert not Inspection.objects.filter(title="Focused visit").exists()


def test_a_bulk_paste_with_blank_lines_is_explained(page, sign_in, project_manager, demo_data):
    sign_in(project_manager)
    page.goto(cse().get_absolute_url())
    page.get_by_role("link", name="Paste several findings").click()
    page.get_by_label("Findings, one on each line").fill("First.\n\nSecond.")
    page.get_by_role("button", name="Add findings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 2 is blank.")
    assert_accessible(page)


def test_the_finding_pages_are_accessible(page, sign_in, project_manager, demo_data):
    sign_in(project_manager)
    finding = cse().findings.get(reference="KO3")
    page.goto(finding.get_absolute_url())
    expect(page.get_by_role("heading", name="Key observation KO3")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit finding").click()
    expect(page.get_by_role("heading", name="Edit finding KO3")).to_be_visible()
    assert_accessible(page)


def test_the_delete_confirmation_is_accessible(page, sign_in, director, demo_data):
    sign_in(director)
    page.goto(cse().get_absolute_url())
    page.get_by_role("link", name="Delete inspection").click()
    expect(page.get_by_role("heading", name="Are you sure you want to delete")).to_be_visible()
    assert_accessible(page)


def test_a_project_manager_records_an_inspection_and_pastes_its_recommendations(page, sign_in, project_manager):
    sign_in(project_manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Inspections").click()
    page.get_by_role("link", name="Record an inspection").click()

    page.get_by_label("Kind").select_option(label="Ofsted full inspection")
    page.get_by_label("Body").fill("Ofsted")
    page.get_by_label("Title").fill("Children in need of help and protection")
    page.get_by_label("Status").select_option(label="Published")
    page.locator("#id_started_on_0").fill("3")
    page.locator("#id_started_on_1").fill("3")
    page.locator("#id_started_on_2").fill("2015")
    page.locator("#id_ended_on_0").fill("26")
    page.locator("#id_ended_on_1").fill("3")
    page.locator("#id_ended_on_2").fill("2015")
    page.locator("#id_published_on_0").fill("7")
    page.locator("#id_published_on_1").fill("5")
    page.locator("#id_published_on_2").fill("2015")
    page.get_by_label("Overall judgement (optional)").select_option(label="Requires improvement (to be good)")
    page.get_by_label("Written action plan required").check()
    page.get_by_role("button", name="Record inspection").click()

    expect(page.get_by_role("heading", name="Children in need of help and protection", level=1)).to_be_visible()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been recorded")
    # 70 working days after Thursday 7 May 2015, counted by hand, skipping the spring bank holiday (25 May)
    expect(page.get_by_text("Due 14 August 2015", exact=False)).to_be_visible()

    page.get_by_role("link", name="Paste several findings").click()
    page.get_by_label("What kind of findings are these?").select_option(label="Recommendation")
    page.get_by_label("Findings, one on each line").fill(
        "1. Ensure that assessments are timely.\n"
        "2. Improve the quality of supervision.\n"
        "3. Ensure return interviews are routine.\n"
    )
    page.get_by_role("button", name="Add findings").click()

    expect(page.get_by_role("heading", name="Recommendations (3)")).to_be_visible()
    expect(page.get_by_text("3 findings have been added: R1 to R3.")).to_be_visible()
    items = page.locator(".app-findings__item blockquote")
    expect(items).to_have_text(
        [
            "Ensure that assessments are timely.",
            "Improve the quality of supervision.",
            "Ensure return interviews are routine.",
        ]
    )
    page.get_by_role("button", name="Move up R3").click()
    expect(items.nth(1)).to_have_text("Ensure return interviews are routine.")
    assert_accessible(page)


def test_findings_are_reordered_and_added_without_javascript(browser, live_server, project_manager, demo_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("pm")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto(cse().get_absolute_url())
    page.get_by_role("button", name="Move down KO1").click()
    first = page.locator(".app-findings__item").first
    expect(first).to_contain_text("KO2")
    page.get_by_label("Kind", exact=True).select_option(label="Strength")
    page.get_by_label("Text").fill("Operation Lakeland was a model of joint working.")
    page.get_by_role("button", name="Add finding").click()
    expect(page.get_by_role("heading", name="Strength (1)")).to_be_visible()
    expect(page.get_by_text("Finding S1 has been added.")).to_be_visible()
    context.close()
