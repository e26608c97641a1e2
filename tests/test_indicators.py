from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from performance import scorecard
from performance.models import Indicator, IndicatorValue
from tests.factories import make_district, make_indicator


def add_values(indicator, district, *values, start=date(2014, 1, 1)):
    for month, value in enumerate(values):
        IndicatorValue.objects.create(
            indicator=indicator, district=district, period=date(start.year, start.month + month, 1), value=value
        )


# --- The scorecard from the database -------------------------------------------------


@pytest.mark.django_db
def test_scorecard_takes_each_indicators_latest_value_and_the_one_before(district):
    rising = make_indicator(reference="A1")
    falling = make_indicator(reference="A2", polarity=Indicator.Polarity.LOWER, target=15, floor=20)
    add_values(rising, None, 60, 75, 85)
    add_values(falling, None, 14, 21)
    rows = {row.indicator.reference: row for row in Indicator.objects.scorecard()}
    assert (rows["A1"].period, rows["A1"].value, rows["A1"].previous) == (date(2014, 3, 1), 85, 75)
    assert (rows["A1"].status, rows["A1"].direction) == (scorecard.MET, scorecard.IMPROVED)
    assert (rows["A2"].status, rows["A2"].direction) == (scorecard.BELOW_FLOOR, scorecard.WORSENED)


@pytest.mark.django_db
def test_scorecard_for_a_district_ignores_other_areas(district, other_district):
    indicator = make_indicator()
    add_values(indicator, district, 50)
    add_values(indicator, other_district, 90)
    add_values(indicator, None, 70)
    [row] = Indicator.objects.scorecard(district=district)
    assert row.value == 50
    [county] = Indicator.objects.scorecard()
    assert county.value == 70


@pytest.mark.django_db
def test_scorecard_as_at_a_date_uses_what_was_recorded_then():
    indicator = make_indicator()
    add_values(indicator, None, 60)
    value = IndicatorValue.objects.get()
    yesterday = timezone.localdate() - timedelta(days=1)
    # Move the first recording into the past, then correct the value today.
    value.history.update(history_date=timezone.now() - timedelta(days=2))
    value.value = 90
    value.save()
    [then] = Indicator.objects.scorecard(as_at=yesterday)
    [now] = Indicator.objects.scorecard()
    assert then.value == 60
    assert now.value == 90


@pytest.mark.django_db
def test_spreads_rank_districts_by_polarity():
    low, mid, high = make_district(), make_district(), make_district()
    higher = make_indicator()
    lower = make_indicator(polarity=Indicator.Polarity.LOWER, target=10, floor=20)
    for indicator in (higher, lower):
        for district, value in ((low, 10), (mid, 15), (high, 30)):
            add_values(indicator, district, value)
    spreads = Indicator.objects.spreads()
    assert (spreads[higher.pk].lowest, spreads[higher.pk].median, spreads[higher.pk].highest) == (10, 15, 30)
    assert spreads[higher.pk].rank(high.pk, higher.polarity) == 1
    assert spreads[lower.pk].rank(high.pk, lower.polarity) == 3
    assert spreads[lower.pk].rank(low.pk, lower.polarity) == 1


@pytest.mark.django_db
def test_scorecard_query_count_does_not_grow(django_assert_num_queries):
    def scorecard_queries():
        with django_assert_num_queries(2):
            Indicator.objects.scorecard()

    indicator = make_indicator()
    add_values(indicator, None, 50)
    scorecard_queries()
    for _ in range(10):
        indicator = make_indicator()
        add_values(indicator, None, *range(50, 62))
    scorecard_queries()


# --- Pages ---------------------------------------------------------------------------


def test_indicator_pages_need_sign_in(client):
    assert client.get("/indicators/").status_code == 302


@pytest.mark.django_db
def test_scorecard_page_shows_the_summary(viewer_client):
    indicator = make_indicator(name="Visits within timescale")
    add_values(indicator, None, 70, 85)
    page = viewer_client.get("/indicators/").content.decode()
    assert "Of 1 indicator, 1 met target (100%)" in page
    assert "Visits within timescale" in page
    assert "Target met" in page


@pytest.mark.django_db
def test_scorecard_as_at_a_future_date_is_refused(viewer_client):
    future = timezone.localdate() + timedelta(days=30)
    response = viewer_client.get(
        "/indicators/", {"as_at_0": future.day, "as_at_1": future.month, "as_at_2": future.year}
    )
    assert response.status_code == 400
    assert "The date must be today or in the past" in response.content.decode()


@pytest.mark.django_db
def test_indicator_detail_compares_districts(viewer_client, district, other_district):
    indicator = make_indicator()
    add_values(indicator, district, 90)
    add_values(indicator, other_district, 60)
    page = viewer_client.get(indicator.get_absolute_url()).content.decode()
    assert "Lowest 60, median 75, highest 90" in page
    assert viewer_client.get("/indicators/999999/").status_code == 404


@pytest.mark.django_db
def test_readers_cannot_add_or_change_indicators(viewer_client, clerk_client):
    indicator = make_indicator()
    for client in (viewer_client, clerk_client):
        assert client.get("/indicators/new/").status_code == 403
        assert client.post("/indicators/new/", {"reference": "X"}).status_code == 403
        assert client.post(f"/indicators/{indicator.pk}/values/", {}).status_code == 403
        assert client.post(f"/indicators/{indicator.pk}/edit/", {}).status_code == 403


INDICATOR_FIELDS = {
    "reference": "CP09",
    "name": "Visits within timescale",
    "unit": "percent",
    "polarity": "higher",
    "target": "90",
    "floor": "80",
    "frequency": "monthly",
}


@pytest.mark.django_db
def test_a_project_manager_adds_an_indicator(pm_client):
    response = pm_client.post("/indicators/new/", INDICATOR_FIELDS)
    indicator = Indicator.objects.get(reference="CP09")
    assert response.status_code == 302
    assert response["Location"] == indicator.get_absolute_url()
    assert indicator.history.count() == 1


@pytest.mark.django_db
def test_a_floor_on_the_wrong_side_of_the_target_is_refused(pm_client):
    response = pm_client.post("/indicators/new/", {**INDICATOR_FIELDS, "floor": "95"})
    assert response.status_code == 400
    assert "The floor must be below the target when higher is better" in response.content.decode()
    assert not Indicator.objects.exists()
    lower = {**INDICATOR_FIELDS, "polarity": "lower", "target": "15", "floor": "10"}
    response = pm_client.post("/indicators/new/", lower)
    assert "The floor must be above the target when lower is better" in response.content.decode()


def values_post(period: date, **values):
    data = {"period_0": period.day, "period_1": period.month, "period_2": period.year}
    data.update({f"value_{key}": value for key, value in values.items()})
    return data


@pytest.mark.django_db
def test_entering_values_for_a_period(pm_client, district):
    indicator = make_indicator()
    response = pm_client.post(
        f"/indicators/{indicator.pk}/values/", values_post(date(2014, 10, 1), county="81.5", ashford="77%")
    )
    assert response.status_code == 302
    saved = dict(IndicatorValue.objects.values_list("district__slug", "value"))
    assert saved == {None: Decimal("81.50"), "ashford": Decimal("77.00")}
    # Entering the period again replaces the value, and the history keeps the old one.
    pm_client.post(f"/indicators/{indicator.pk}/values/", values_post(date(2014, 10, 1), county="82"))
    county = IndicatorValue.objects.get(district=None)
    assert county.value == Decimal("82.00")
    assert [record.value for record in county.history.order_by("history_date")] == [Decimal("81.50"), 82]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("unit", "frequency", "period", "value", "message"),
    [
        ("percent", "monthly", date(2014, 10, 1), "101", "A percentage cannot be more than 100."),
        ("percent", "monthly", date(2014, 10, 1), "-3", "cannot be negative"),
        ("percent", "monthly", date(2014, 10, 1), "lots", "enter a number"),
        ("days", "monthly", date(2014, 10, 1), "12.5", "Enter a whole number of days."),
        ("percent", "monthly", date(2014, 10, 15), "50", "A period starts on the first day of a month."),
        ("percent", "quarterly", date(2014, 2, 1), "50", "periods start in January, April, July or October"),
        ("percent", "annual", date(2014, 1, 1), "50", "An annual indicator&#x27;s periods start on 1 April."),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(pm_client, district, unit, frequency, period, value, message):
    indicator = make_indicator(unit=unit, frequency=frequency, target=None, floor=None)
    response = pm_client.post(f"/indicators/{indicator.pk}/values/", values_post(period, county="50", ashford=value))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
def test_values_form_needs_at_least_one_value(pm_client):
    indicator = make_indicator()
    response = pm_client.post(f"/indicators/{indicator.pk}/values/", values_post(date(2014, 10, 1)))
    assert response.status_code == 400
    assert "Enter at least one value" in response.content.decode()


@pytest.mark.django_db
def test_wrong_method_on_the_values_page(pm_client):
    indicator = make_indicator()
    assert pm_client.put(f"/indicators/{indicator.pk}/values/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/indicators/", "/indicators/{pk}/"])
def test_indicator_pages_query_count_does_not_grow(viewer_client, django_assert_num_queries, path):
    districts = [make_district() for _ in range(3)]
    first = make_indicator()
    add_values(first, None, 50)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert viewer_client.get(path.format(pk=first.pk)).status_code == 200
        return len(captured)

    small = count()
    for _ in range(15):
        indicator = make_indicator()
        for area in [None, *districts]:
            add_values(indicator, area, *range(40, 52))
    for area in districts:
        add_values(first, area, *range(40, 52))
    assert count() == small


@pytest.mark.django_db
def test_an_actions_page_shows_the_indicators_it_should_move(viewer_client):
    from tests.factories import make_action

    action = make_action(title="Recruit permanent social workers", starts_on=date(2014, 3, 15))
    indicator = make_indicator(name="Permanent social workers", target=85, floor=75)
    add_values(indicator, None, 70, 74, 80, 86)  # January to April 2014
    indicator.actions.add(action)
    page = viewer_client.get(action.get_absolute_url()).content.decode()
    assert "Indicators it should move" in page
    assert "Permanent social workers" in page
    assert '74 <span class="govuk-body-s">(Feb 2014)</span>' in page  # the last value before it started
    assert '86 <span class="govuk-body-s">(Apr 2014)</span>' in page
    assert "Target met" in page and "Improved" in page


@pytest.mark.django_db
def test_indicators_are_linked_to_actions_and_themes_in_the_browser_form(pm_client):
    from tests.factories import make_action, make_plan, make_theme

    plan = make_plan()
    theme = make_theme(plan=plan, number=1, title="Quality of Practice")
    action = make_action(plan=plan, theme=theme, title="Recruit permanent social workers")
    response = pm_client.post("/indicators/new/", {**INDICATOR_FIELDS, "theme": theme.pk, "actions": [action.pk]})
    assert response.status_code == 302
    indicator = Indicator.objects.get(reference="CP09")
    assert indicator.theme == theme
    assert list(indicator.actions.all()) == [action]
