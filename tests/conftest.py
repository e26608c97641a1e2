import os
import shutil

import pytest
from django.conf import settings
from django.test import Client

from organisation import roles
from tests.factories import make_district, make_user

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config):
    # Hashing passwords properly is slow by design; tests do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium: required in CI, skipped with a notice elsewhere."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    browser_tests = [item for item in items if "browser" in item.keywords]
    if not browser_tests:
        return
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but Chromium is missing at {CHROMIUM}: browser tests cannot run.")
    print(f"\nNOTICE: Chromium not found at {CHROMIUM}; skipping {len(browser_tests)} browser tests.")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in browser_tests:
        item.add_marker(skip)


@pytest.fixture
def district(db):
    return make_district(name="Ashford", slug="ashford")


@pytest.fixture
def other_district(db):
    return make_district(name="Thanet", slug="thanet")


@pytest.fixture
def project_manager(district):
    return make_user(roles.PROJECT_MANAGER, districts=[district], username="pm")


@pytest.fixture
def county_project_manager(db):
    return make_user(roles.PROJECT_MANAGER, username="countypm")


@pytest.fixture
def director(db):
    return make_user(roles.ASSISTANT_DIRECTOR, username="director")


@pytest.fixture
def clerk(db):
    return make_user(roles.COMMITTEE_CLERK, username="clerk")


@pytest.fixture
def viewer(db):
    return make_user(roles.VIEWER, username="viewer")


@pytest.fixture
def outsider(db):
    """Signed in, but holding no role: sees nothing of the service's records."""
    return make_user(username="outsider")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pm_client(project_manager):
    return client_for(project_manager)


@pytest.fixture
def director_client(director):
    return client_for(director)


@pytest.fixture
def clerk_client(clerk):
    return client_for(clerk)


@pytest.fixture
def viewer_client(viewer):
    return client_for(viewer)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)


# --- Browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets axe-core be injected into pages that forbid inline scripts.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """Signs a person in through the real sign-in form."""

    def sign_in_as(user, password="a-long-test-password"):
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")
        return page

    return sign_in_as
