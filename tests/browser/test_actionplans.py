"""Journeys through the improvement plan in Chromium, each page checked with axe-core."""

import io
from datetime import date

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from actionplans.models import Action, ProgressUpdate
from tests.accessibility import assert_accessible
from tests.factories import make_action, make_finding, make_inspection, make_plan, make_sub_plan, make_theme

pytestmark = pytest.mark.browser


@pytest.fixture
def plan_data(settings, district, other_district, director):
    settings.AS_OF_DATE = date(2014, 12, 1)
    county = make_plan(title="Children's Services Improvement Plan April 2014 – April 2016")
    theme = make_theme(plan=county, number=1, title="Quality of Practice")
    make_theme(plan=county, number=2, title="Effective Front Door")
    countywide = make_action(plan=county, theme=theme, reference="1.1", title="Embed the practice framework")
    finding = make_finding(make_inspection(), text="Return interviews are not always routine.")
    ours = make_action(
        plan=make_sub_plan(county, district),
        theme=theme,
        reference="ASH-1",
        title="Hold monthly practice workshops",
        progress=30,
        contributes_to=countywide,
        findings=[finding],
    )
    make_action(plan=make_sub_plan(county, other_district), theme=theme, reference="THA-1", due_on=date(2014, 11, 1))
    return {"county": county, "ours": ours, "countywide": countywide, "finding": finding}


def signed_in(sign_in, user):
    page = sign_in(user)
    expect(page.locator(".app-header__account")).to_contain_text("Signed in as")
    return page


def test_a_project_manager_posts_an_update_and_a_director_signs_it_off(
    browser, live_server, sign_in, page, project_manager, director, plan_data
):
    action = plan_data["ours"]
    page = signed_in(sign_in, project_manager)
    page.goto(action.get_absolute_url())
    expect(page.get_by_role("heading", name="Hold monthly practice workshops")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Post a progress update").click()
    expect(page.get_by_role("heading", name="Post a progress update")).to_be_visible()
    page.get_by_role("button", name="Post update").click()  # empty: errors first
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Day").fill("28")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2014")
    page.get_by_label("Progress made").fill("Workshops held in all four teams; audit booked for January.")
    page.get_by_label("Progress (%)").fill("45")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Progress update posted")).to_be_visible()
    expect(page.locator("#updates")).to_be_visible()
    expect(page.get_by_text("Awaiting review")).to_be_visible()

    director_context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    director_page = director_context.new_page()
    director_page.goto("/sign-in/")
    director_page.get_by_label("Username").fill(director.username)
    director_page.get_by_label("Password").fill("a-long-test-password")
    director_page.get_by_role("button", name="Sign in").click()
    expect(director_page.locator(".app-header__account")).to_contain_text("Signed in as")
    director_page.goto("/plan/review/")
    expect(director_page.get_by_role("heading", name="Awaiting your review")).to_be_visible()
    assert_accessible(director_page)
    director_page.get_by_role("link", name="Review the update on ASH-1").click()
    expect(director_page.get_by_role("heading", name="Review the update of 28 November 2014")).to_be_visible()
    director_page.get_by_role("button", name="Save decision").click()
    expect(director_page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(director_page)
    director_page.get_by_label("Sign off this update").check()
    director_page.get_by_role("button", name="Save decision").click()
    expect(director_page.get_by_text("Update on ASH-1 signed off.")).to_be_visible()
    expect(director_page.get_by_text("No progress updates are waiting for review.")).to_be_visible()
    director_context.close()

    update = ProgressUpdate.objects.get(action=action)
    assert (update.review_status, update.reviewer, update.progress) == ("signed_off", director, 45)
    page.reload()
    expect(page.locator(f"#update-{update.pk}")).to_contain_text("Signed off")


def test_the_edit_form_with_errors_and_a_conflict(page, sign_in, project_manager, plan_data):
    action = plan_data["ours"]
    page = signed_in(sign_in, project_manager)
    page.goto(f"/plan/actions/{action.pk}/edit/")
    assert_accessible(page)
    page.locator("[name=starts_on_2]").fill("2016")
    page.locator("[name=revised_due_on_0]").fill("30")
    page.locator("[name=revised_due_on_1]").fill("6")
    page.locator("[name=revised_due_on_2]").fill("2015")
    page.get_by_label("Override the suggested RAG rating").select_option("amber")
    page.get_by_role("button", name="Save changes").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The start date must be on or before the due date first agreed, 31 March 2015")
    expect(summary).to_contain_text("Give the reason the due date was revised")
    expect(summary).to_contain_text("Give the reason for overriding the suggested rating")
    page.screenshot(path="/tmp/plan-edit-errors.png", full_page=True)
    assert_accessible(page)

    # Someone else saves while this form is open: the save is refused and says what changed.
    page.goto(f"/plan/actions/{action.pk}/edit/")
    Action.objects.filter(pk=action.pk).update(version=2)
    page.get_by_label("Progress (%)").fill("55")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="Your changes to action ASH-1 were not saved")).to_be_visible()
    assert_accessible(page)
    action.refresh_from_db()
    assert action.progress == 30


def test_lists_and_reference_pages_are_accessible(page, sign_in, director, plan_data):
    page = signed_in(sign_in, director)
    for path, heading in [
        ("/plan/", "Improvement plan"),
        (plan_data["county"].get_absolute_url(), plan_data["county"].title),
        (plan_data["ours"].plan.get_absolute_url(), plan_data["ours"].plan.title),
        ("/plan/actions/", "Actions"),
        ("/plan/actions/?rag=red&sort=-due", "Actions"),
        ("/plan/actions/?due_within=never", "Actions"),
        (plan_data["countywide"].get_absolute_url(), "Embed the practice framework"),
        ("/plan/rag-key/", "What the RAG ratings mean"),
        ("/plan/findings-without-actions/", "Findings without an action"),
        (f"/plan/actions/{plan_data['ours'].pk}/evidence/new/", "Upload evidence"),
        (f"/plan/{plan_data['county'].pk}/actions/new/", "Add an action"),
        ("/plan/new/", "Add a plan"),
        (f"/plan/{plan_data['county'].pk}/edit/", "Edit the plan"),
        (f"/plan/{plan_data['county'].pk}/themes/new/", "Add a theme"),
        ("/plan/review/", "Awaiting your review"),
        (plan_data["finding"].inspection.get_absolute_url(), plan_data["finding"].inspection.title),
        (plan_data["finding"].get_absolute_url(), f"Recommendation {plan_data['finding'].reference}"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        assert_accessible(page)
    page.goto("/plan/actions/")
    page.screenshot(path="/tmp/plan-action-list.png", full_page=True)
    page.goto(plan_data["ours"].get_absolute_url())
    page.screenshot(path="/tmp/plan-action-detail.png", full_page=True)
    expect(page.locator(".app-rag").first).to_contain_text("Amber")
    expect(page.get_by_text("30% done, behind the 43% of its time that has passed.")).to_be_visible()


def test_the_action_list_filters_without_javascript(browser, live_server, director, plan_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(director.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".app-header__account")).to_be_visible()
    page.goto("/plan/actions/")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("THA-1")
    context.close()


def tracker(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ref", "Theme", "Action", "Lead officer", "Due date", "Status", "Progress"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_preview_with_errors_then_confirmed(page, sign_in, project_manager, plan_data):
    sub_plan = plan_data["ours"].plan
    page = signed_in(sign_in, project_manager)
    page.goto("/plan/import/")
    assert_accessible(page)
    page.get_by_label("Plan to import into").select_option(str(sub_plan.pk))
    page.get_by_label("Spreadsheet").set_input_files(
        files=[
            {
                "name": "tracker.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": tracker(
                    [
                        [
                            "ASH-1",
                            1,
                            "Hold monthly practice workshops",
                            "Lee Officer",
                            date(2015, 3, 31),
                            "In progress",
                            50,
                        ],
                        ["ASH-2", 7, "Unknown theme", "Jo", date(2015, 3, 31), "In progress", 0],
                    ]
                ),
            }
        ]
    )
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("Theme ‘7’ is not one of the plan’s themes")).to_be_visible()
    assert_accessible(page)

    page.goto("/plan/import/")
    page.get_by_label("Plan to import into").select_option(str(sub_plan.pk))
    page.get_by_label("Spreadsheet").set_input_files(
        files=[
            {
                "name": "tracker.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": tracker(
                    [
                        [
                            "ASH-1",
                            1,
                            "Hold monthly practice workshops",
                            "Lee Officer",
                            date(2015, 3, 31),
                            "In progress",
                            50,
                        ],
                        ["ASH-2", 2, "Agree thresholds with schools", "Jo Bloggs", date(2015, 1, 31), "Not started", 0],
                    ]
                ),
            }
        ]
    )
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Check the import of tracker.xlsx")).to_be_visible()
    page.screenshot(path="/tmp/plan-import-preview.png", full_page=True)
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 changes").click()
    expect(page.get_by_text("Imported tracker.xlsx: 1 actions added, 1 changed, 0 unchanged.")).to_be_visible()
    assert Action.objects.filter(plan=sub_plan).count() == 2
