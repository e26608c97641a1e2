from datetime import date

import pytest
from playwright.sync_api import expect

from performance.models import IndicatorValue
from tests.accessibility import assert_accessible
from tests.factories import make_indicator

pytestmark = pytest.mark.browser


@pytest.fixture
def indicator(district):
    indicator = make_indicator(name="Visits within timescale")
    for month, value in enumerate([70, 82]):
        IndicatorValue.objects.create(indicator=indicator, district=None, period=date(2014, month + 1, 1), value=value)
        IndicatorValue.objects.create(
            indicator=indicator, district=district, period=date(2014, month + 1, 1), value=value - 5
        )
    return indicator


def test_scorecard_and_indicator_pages_are_accessible(page, sign_in, viewer, indicator):
    sign_in(viewer)
    page.goto("/indicators/")
    expect(page.get_by_text("Of 1 indicator, 1 met target (100%)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Visits within timescale").click()
    expect(page.get_by_role("heading", name="Visits within timescale")).to_be_visible()
    assert_accessible(page)


def test_a_project_manager_enters_values_and_sees_errors_first(page, sign_in, project_manager, indicator):
    sign_in(project_manager)
    page.goto(f"/indicators/{indicator.pk}/values/")
    assert_accessible(page)
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2014")
    page.get_by_label("Countywide").fill("140")
    page.get_by_role("button", name="Save values").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Countywide").fill("88")
    page.get_by_role("button", name="Save values").click()
    expect(page.get_by_text("1 values saved for March 2014.")).to_be_visible()
    assert IndicatorValue.objects.get(district=None, period=date(2014, 3, 1)).value == 88


def test_adding_an_indicator_form_is_accessible_with_errors(page, sign_in, director):
    sign_in(director)
    page.goto("/indicators/new/")
    assert_accessible(page)
    page.get_by_role("button", name="Save indicator").click()
    expect(page.get_by_text("Enter a reference").first).to_be_visible()
    assert_accessible(page)


def test_importing_values_previews_then_saves(page, sign_in, project_manager, indicator, tmp_path):
    sheet = tmp_path / "values.csv"
    sheet.write_text(f"indicator,area,period,value\n{indicator.reference},Countywide,2014-03,88\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"indicator,area,period,value\n{indicator.reference},Atlantis,2014-03,88\n")
    sign_in(project_manager)
    page.goto("/indicators/import/")
    assert_accessible(page)
    page.get_by_label("Spreadsheet of values").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("There is a problem with 1 row")).to_be_visible()
    assert_accessible(page)
    page.goto("/indicators/import/")
    page.get_by_label("Spreadsheet of values").set_input_files(str(sheet))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("1 new value, 0 changed, 0 unchanged")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save 1 value").click()
    expect(page.get_by_text("1 indicator values saved from values.csv.")).to_be_visible()
    assert IndicatorValue.objects.get(district=None, period=date(2014, 3, 1)).value == 88
