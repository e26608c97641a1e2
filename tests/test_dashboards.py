from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplans.models import Action
from performance import progress
from performance.models import IndicatorValue
from tests.factories import (
    make_action,
    make_district,
    make_finding,
    make_indicator,
    make_plan,
    make_sub_plan,
    make_theme,
    make_update,
)

TODAY = date(2014, 12, 1)


@pytest.fixture(autouse=True)
def pretend_today(settings):
    settings.AS_OF_DATE = TODAY


@pytest.fixture
def plan(db):
    plan = make_plan()
    for number, title in enumerate(["Quality of Practice", "Effective Front Door"], start=1):
        make_theme(plan=plan, number=number, title=title)
    return plan


def themes(plan):
    return list(plan.themes.order_by("number"))


def backdate(obj, when: date) -> None:
    """Moves an object's creation in its history to ``when``."""
    obj.history.update(history_date=timezone.make_aware(datetime.combine(when, datetime.min.time())))


def add_actions(plan, district, count, **fields):
    sub_plan = plan.sub_plans.filter(district=district).first() or make_sub_plan(plan, district)
    theme = themes(plan)[0]
    return [make_action(plan=sub_plan, theme=theme, **fields) for _ in range(count)]


# --- The figures --------------------------------------------------------------------


@pytest.mark.django_db
def test_progress_counts_by_theme_and_district(plan, district, other_district):
    quality, front_door = themes(plan)
    make_action(plan=plan, theme=quality, due_on=date(2014, 10, 1))  # overdue: red
    make_action(plan=plan, theme=front_door, status=Action.Status.SIGNED_OFF, signed_off_by=make_user_for())
    add_actions(plan, district, 2, progress=90)  # well ahead: green
    add_actions(plan, other_district, 1, status=Action.Status.BLOCKED)  # red
    now = progress.plan_progress(plan)
    assert now.theme_counts(quality).red == 2
    assert now.theme_counts(quality).green == 2
    assert now.theme_counts(front_door).blue == 1
    assert now.cell(district, quality).green == 2
    assert now.cell(None, quality).red == 1
    assert now.district_counts(other_district).red == 1
    assert now.overall.total == 5
    assert now.overall.percent_complete == 20


def make_user_for():
    from tests.factories import make_user

    return make_user()


@pytest.mark.django_db
def test_progress_as_at_a_past_date_is_rebuilt_from_history(plan, district):
    [action] = add_actions(plan, district, 1, progress=90)
    backdate(action, date(2014, 9, 15))
    action.status = Action.Status.BLOCKED
    action.save()  # today: blocked, so red
    assert progress.plan_progress(plan).overall.red == 1
    then = progress.plan_progress(plan, as_at=date(2014, 10, 31))
    assert then.overall.red == 0
    assert then.overall.green == 1
    assert progress.plan_progress(plan, as_at=date(2014, 9, 1)).overall.total == 0


@pytest.mark.django_db
def test_overdue_and_due_soon_as_at(plan, district):
    [late] = add_actions(plan, district, 1, due_on=date(2014, 11, 20))
    [soon] = add_actions(plan, district, 1, due_on=date(2014, 12, 20))
    assert list(progress.overdue_as_at(plan, None)) == [late]
    assert list(progress.due_soon_as_at(plan, None)) == [soon]
    for action in (late, soon):
        backdate(action, date(2014, 9, 1))
    # On 1 November neither was overdue, and only the first fell due within 30 days.
    assert list(progress.overdue_as_at(plan, date(2014, 11, 1))) == []
    assert [a.pk for a in progress.due_soon_as_at(plan, date(2014, 11, 1))] == [late.pk]


@pytest.mark.django_db
def test_unanswered_findings_as_at(plan, district):
    finding = make_finding()
    backdate(finding, date(2014, 8, 1))
    assert list(progress.unanswered_findings_as_at(None)) == [finding]
    [action] = add_actions(plan, district, 1)
    action.findings.set([finding])
    assert list(progress.unanswered_findings_as_at(None)) == []
    # Before the action answered it, the finding was a gap.
    assert [f.pk for f in progress.unanswered_findings_as_at(date(2014, 9, 1))] == [finding.pk]


def test_tukey_fences_mark_the_far_district():
    rows = [("A", 1), ("B", 2), ("C", 2), ("D", 3), ("E", 2), ("F", 30)]
    marked = progress.mark_outliers(rows, key=lambda row: row[1])
    assert [row[0] for row in marked if row[-1]] == ["F"]
    assert progress.mark_outliers(rows[:3], key=lambda row: row[1]) == [(*row, False) for row in rows[:3]]


# --- Pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_county_dashboard_without_a_plan_says_so(viewer_client):
    response = viewer_client.get("/")
    assert response.status_code == 200
    assert "There is no improvement plan yet" in response.content.decode()


@pytest.mark.django_db
def test_county_dashboard_shows_progress_changes_and_gaps(viewer_client, plan, district):
    [action] = add_actions(plan, district, 1, due_on=date(2014, 11, 20), title="Audit ten case files")
    backdate(action, date(2014, 9, 1))
    add_actions(plan, district, 1, status=Action.Status.BLOCKED)  # new since November: one more red
    make_finding(text="Ensure supervision is reflective")
    page = viewer_client.get("/").content.decode()
    assert "County dashboard" in page
    assert "Audit ten case files" in page  # overdue
    assert "20 Nov 2014" in page  # its due date
    as_at = viewer_client.get("/", {"as_at_0": "10", "as_at_1": "11", "as_at_2": "2014"}).content.decode()
    assert "Audit ten case files" in as_at and "20 Nov 2014" in as_at  # due soon on 10 November
    assert "Since 30 November 2014" in page  # the end of the month before 1 December
    assert "1 more" in page
    assert "findings with no action" in page
    assert f"?theme={themes(plan)[0].pk}&amp;district={district.pk}&amp;rag=red" in page


@pytest.mark.django_db
def test_dashboards_as_at_a_future_date_are_refused(viewer_client, plan, district):
    future = {"as_at_0": "2", "as_at_1": "12", "as_at_2": "2014"}
    for path in ["/", f"/districts/{district.slug}/", "/districts/compare/"]:
        response = viewer_client.get(path, future)
        assert response.status_code == 400, path
        assert "The date must be today or in the past" in response.content.decode()
    assert viewer_client.get("/", {"as_at_0": "31", "as_at_1": "2", "as_at_2": "2014"}).status_code == 400


@pytest.mark.django_db
def test_district_dashboard_ranks_the_district(viewer_client, plan, district, other_district):
    indicator = make_indicator(name="Visits within timescale")
    IndicatorValue.objects.create(indicator=indicator, district=district, period=date(2014, 11, 1), value=90)
    IndicatorValue.objects.create(indicator=indicator, district=other_district, period=date(2014, 11, 1), value=70)
    add_actions(plan, district, 2)
    page = viewer_client.get(f"/districts/{district.slug}/").content.decode()
    assert "District dashboard" in page
    assert "Visits within timescale" in page
    assert "70, 80, 90" in page  # lowest, median, highest
    assert viewer_client.get("/districts/nowhere/").status_code == 404


@pytest.mark.django_db
def test_compare_page_marks_outliers(viewer_client, plan):
    districts = [make_district() for _ in range(6)]
    indicator = make_indicator()
    for district, value in zip(districts, [80, 81, 82, 80, 81, 20], strict=True):
        IndicatorValue.objects.create(indicator=indicator, district=district, period=date(2014, 11, 1), value=value)
    page = viewer_client.get("/districts/compare/").content.decode()
    assert page.count('<span class="app-outlier">outlier</span>') == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/districts/", "/districts/{slug}/", "/districts/compare/"])
def test_dashboard_query_counts_do_not_grow(viewer_client, plan, district, path):
    indicator = make_indicator()

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert viewer_client.get(path.format(slug=district.slug)).status_code == 200
        return len(captured)

    add_actions(plan, district, 1)
    IndicatorValue.objects.create(indicator=indicator, district=district, period=date(2014, 11, 1), value=50)
    small = count()
    for _ in range(4):
        more = make_district()
        for action in add_actions(plan, more, 5, due_on=date(2014, 11, 1)):
            make_update(action, make_user_for())
        make_finding()
        other = make_indicator()
        for month in range(1, 12):
            IndicatorValue.objects.create(indicator=other, district=more, period=date(2014, month, 1), value=month)
    assert count() == small


@pytest.mark.django_db
def test_as_at_previous_month_end():
    assert progress.previous_month_end(date(2014, 12, 1)) == date(2014, 11, 30)
    assert progress.previous_month_end(date(2014, 1, 15)) == date(2013, 12, 31)
    assert progress.previous_month_end(date(2014, 3, 31)) - timedelta(days=0) == date(2014, 2, 28)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/districts/{slug}/", "/districts/compare/"])
def test_cached_dashboards_show_a_change_at_once(viewer_client, plan, district, path):
    [action] = add_actions(plan, district, 1, progress=95)
    url = path.format(slug=district.slug)

    def main() -> str:
        page = viewer_client.get(url).content.decode()
        return page[page.index("<main") : page.index("</main>")]

    first = main()
    assert main() == first  # served again, from the cache
    action.status = Action.Status.BLOCKED
    action.save()
    assert main() != first


@pytest.mark.django_db
def test_the_demo_reads_differently_as_at_earlier_months(viewer_client, settings):
    import io

    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    demo_plan = progress.current_plan()
    october = progress.plan_progress(demo_plan, as_at=date(2014, 10, 31))
    november = progress.plan_progress(demo_plan, as_at=date(2014, 11, 30))
    assert 0 < october.overall.total <= november.overall.total
    assert october.overall.blue < november.overall.blue  # more complete by the end of November
    waiting_then = list(progress.awaiting_review_as_at(date(2014, 10, 31)))
    assert waiting_then and all(update.dated <= date(2014, 10, 31) for update in waiting_then)
    # Running the loader again leaves the history alone.
    before = Action.history.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Action.history.count() == before


@pytest.mark.django_db
def test_a_districts_see_all_links_keep_to_the_district(viewer_client, plan, district):
    add_actions(plan, district, 11, due_on=date(2014, 11, 1))
    page = viewer_client.get(f"/districts/{district.slug}/").content.decode()
    assert f"/plan/actions/?district={district.pk}&amp;overdue=on" in page
