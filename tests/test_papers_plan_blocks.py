"""The data blocks that bring the improvement plan and the indicators into a paper."""

from datetime import date

import pytest
from django.utils import timezone

from actionplans.models import Action
from performance.models import IndicatorValue
from reports import blocks
from tests.factories import (
    make_action,
    make_finding,
    make_indicator,
    make_paper,
    make_plan,
    make_sub_plan,
    make_theme,
    make_user,
)

pytestmark = pytest.mark.django_db

THEMES = [
    "Quality of Practice",
    "Effective Front Door",
    "Effective Early Help",
    "Improved Outcomes for Children in Need and those in need of protection",
    "Improved Outcomes for Children in Care",
]


@pytest.fixture(autouse=True)
def pretend_today(settings):
    settings.AS_OF_DATE = date(2014, 12, 1)


@pytest.fixture
def plan():
    plan = make_plan()
    for number, title in reversed(list(enumerate(THEMES, start=1))):
        make_theme(plan=plan, number=number, title=title)
    return plan


def test_plan_themes_lists_the_five_themes_in_order(plan):
    html = blocks.render_block("plan_themes", {}, make_paper())
    positions = [html.index(f"({number}) {title}") for number, title in enumerate(THEMES, start=1)]
    assert positions == sorted(positions)


def test_theme_progress_has_a_table_and_a_chart_with_alt_text(plan, district):
    quality = plan.themes.get(number=1)
    make_action(plan=plan, theme=quality, due_on=date(2014, 11, 1))
    make_action(plan=make_sub_plan(plan, district), theme=quality, progress=95)
    html = blocks.render_block("theme_progress", {}, make_paper())
    assert "(1) Quality of Practice" in html
    assert 'alt="Bar chart of actions by theme and RAG rating. (1) Quality of Practice: 1 red, 1 green;' in html
    assert 'src="data:image/svg+xml;base64,' in html


def test_district_grid_says_the_ratings_in_words(plan, district):
    quality = plan.themes.get(number=1)
    make_action(plan=make_sub_plan(plan, district), theme=quality, status=Action.Status.BLOCKED)
    html = blocks.render_block("district_grid", {}, make_paper())
    assert "Ashford" in html
    assert "1 red" in html


def test_indicator_scorecard_block_has_the_summary_sentence():
    indicator = make_indicator(name="Visits within timescale")
    IndicatorValue.objects.create(indicator=indicator, district=None, period=date(2014, 10, 1), value=70)
    IndicatorValue.objects.create(indicator=indicator, district=None, period=date(2014, 11, 1), value=85)
    html = blocks.render_block("indicator_scorecard", {}, make_paper())
    assert "Of 1 indicator, 1 met target (100%), 0 are below target, 0 below floor; 1 improved" in html
    assert "Visits within timescale" in html


def test_overdue_actions_block_lists_the_longest_overdue_first(plan):
    quality = plan.themes.get(number=1)
    make_action(plan=plan, theme=quality, title="Later", due_on=date(2014, 11, 20))
    make_action(plan=plan, theme=quality, title="Earliest", due_on=date(2014, 10, 1))
    make_action(plan=plan, theme=quality, title="Not yet due", due_on=date(2015, 1, 1))
    html = blocks.render_block("overdue_actions", {"limit": 1}, make_paper())
    assert "Earliest" in html and "Later" not in html and "Not yet due" not in html
    assert "the 1 longest overdue of 2" in html


def test_plan_blocks_without_a_plan_say_what_is_missing():
    for kind in ["theme_progress", "district_grid", "overdue_actions"]:
        assert blocks.render(kind, {}, make_paper()).missing == "the countywide improvement plan"


def test_changes_since_the_previous_paper(plan):
    quality = plan.themes.get(number=1)
    finishing = make_action(plan=plan, theme=quality, reference="1.1", title="Audit case files", progress=60)
    make_action(plan=plan, theme=quality, reference="1.2", title="Unchanged", progress=95)
    earlier = make_paper(meeting_date=date(2014, 9, 10))
    later = make_paper(committee=earlier.committee, meeting_date=date(2014, 12, 3))
    assert "first paper in the system" in blocks.render_block("changes_since_previous", {}, later)

    earlier.publish(make_user())
    published = earlier.versions.get()
    published_at = timezone.now()
    assert published.published_at <= published_at
    finishing.status = Action.Status.COMPLETE
    finishing.progress = 100
    finishing.save()
    make_action(plan=plan, theme=quality, reference="1.3", title="Brand new")
    make_finding(text="A new recommendation")
    html = blocks.render_block("changes_since_previous", {}, later)
    assert f"published {published.published_at:%-d %B %Y}" in html
    assert "1 action opened: 1.3 Brand new (Countywide)" in html
    assert "1 action completed or closed: 1.1 Audit case files" in html
    assert "1.1 from Green to Blue" in html
    assert "1 new finding" in html
    assert "Unchanged" not in html


def test_changes_since_ignores_what_happened_before_the_previous_paper(plan):
    quality = plan.themes.get(number=1)
    make_action(plan=plan, theme=quality, reference="1.1")
    earlier = make_paper(meeting_date=date(2014, 9, 10))
    later = make_paper(committee=earlier.committee, meeting_date=date(2014, 12, 3))
    earlier.publish(make_user())
    html = blocks.render_block("changes_since_previous", {}, later)
    assert "Nothing has changed." in html
