import pytest
from playwright.sync_api import expect

from tests.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_sign_in_page_is_accessible(page):
    page.goto("/sign-in/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(page)


def test_sign_in_with_errors_is_accessible(page, project_manager):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("pm")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)


def test_a_person_signs_in_sees_home_and_signs_out(page, sign_in, project_manager):
    sign_in(project_manager)
    expect(page.locator(".app-header__account")).to_contain_text("Signed in as Test Person")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Districts")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/home.png", full_page=True)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_sign_in_works_without_javascript(browser, live_server, project_manager):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("pm")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    expect(page.locator(".app-header__account")).to_contain_text("Signed in as Test Person")
    context.close()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/no-such-page/", "Page not found"),
        ("/test-forbidden/", "You cannot do that"),
        ("/test-broken/", "Sorry, there is a problem with the service"),
    ],
)
def test_error_pages_are_styled_and_accessible(page, sign_in, viewer, settings, path, heading):
    settings.ROOT_URLCONF = "tests.error_urls"
    sign_in(viewer)
    response = page.goto(path)
    assert response.status in {403, 404, 500}
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(page)


def test_accessibility_statement_is_accessible(page):
    page.goto("/accessibility/")
    assert_accessible(page)


def test_districts_page_is_accessible(page, sign_in, viewer, district):
    sign_in(viewer)
    page.goto("/districts/")
    assert_accessible(page)


def test_pages_break_no_content_security_policy_rule(browser, live_server, project_manager):
    # A context without bypass_csp, as a real browser sees the pages.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    refusals = []
    page.on(
        "console", lambda message: refusals.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("pm")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/districts/")
    assert refusals == []
    context.close()
