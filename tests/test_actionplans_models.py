"""The plan's models: the RAG rule (Python and SQL agree), constraints and querysets."""

import itertools
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from actionplans import rag
from actionplans.models import Action, Plan
from organisation import roles
from tests.factories import make_action, make_district, make_plan, make_sub_plan, make_theme, make_user

ON = date(2014, 12, 1)


def rated(status="in_progress", progress=50, starts_on=date(2014, 9, 1), due_on=date(2015, 3, 1), **fields):
    return Action(status=status, progress=progress, starts_on=starts_on, due_on=due_on, **fields)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (rated(status="signed_off"), rag.Rating.BLUE),
        (rated(status="complete", due_on=date(2014, 10, 1)), rag.Rating.BLUE),
        (rated(status="cancelled"), rag.Rating.NONE),
        (rated(due_on=date(2014, 11, 30), progress=99), rag.Rating.RED),
        (rated(due_on=date(2014, 11, 30), revised_due_on=date(2015, 1, 31), progress=90), rag.Rating.GREEN),
        (rated(status="blocked", progress=90), rag.Rating.RED),
        (rated(status="not_started", progress=0, starts_on=date(2015, 1, 1)), rag.Rating.GREEN),
        (rated(status="deferred", progress=90), rag.Rating.AMBER),
        # 91 of 181 days gone: about 50% expected
        (rated(progress=41), rag.Rating.GREEN),
        (rated(progress=39), rag.Rating.AMBER),
        (rated(progress=26), rag.Rating.AMBER),
        (rated(progress=24), rag.Rating.RED),
        (rated(due_on=ON, starts_on=ON, progress=0), rag.Rating.GREEN),
    ],
)
def test_suggested_rating(action, expected):
    assert rag.suggest(action, ON) == expected


def test_override_wins_and_explains_itself(settings):
    settings.AS_OF_DATE = ON
    action = rated(progress=5, rag_override="amber", rag_override_reason="New manager in post; recovery plan agreed.")
    assert action.suggested_rag == rag.Rating.RED
    assert action.rag == rag.Rating.AMBER
    assert action.rag_reason == "Set by hand: New manager in post; recovery plan agreed."


def test_explanation_of_a_suggestion(settings):
    settings.AS_OF_DATE = ON
    assert rated(progress=20).rag_reason == "20% done, behind the 50% of its time that has passed."
    assert rated(due_on=date(2014, 11, 1), starts_on=date(2014, 9, 1)).rag_reason == (
        "Overdue: it was due on 1 November 2014."
    )


@pytest.mark.django_db
def test_sql_rule_agrees_with_python_rule():
    theme = make_theme()
    cases = itertools.product(
        ["not_started", "in_progress", "complete", "signed_off", "blocked", "deferred", "cancelled"],
        [0, 20, 35, 45, 60, 100],
        [date(2014, 6, 1), date(2014, 11, 15), ON, date(2015, 1, 1)],
        [0, 1, 30, 200],
        [None, date(2015, 6, 1)],
        ["", "green"],
    )
    director = make_user(roles.ASSISTANT_DIRECTOR)
    actions = []
    for number, (status, progress, starts_on, length, revised, override) in enumerate(cases):
        actions.append(
            Action(
                plan=theme.plan,
                theme=theme,
                reference=f"R{number}",
                title="x",
                lead_officer_name="x",
                status=status,
                progress=progress,
                starts_on=starts_on,
                due_on=starts_on + timedelta(days=length),
                revised_due_on=revised,
                revision_reason="Moved" if revised else "",
                rag_override=override,
                rag_override_reason="Because" if override else "",
                signed_off_by=director if status == "signed_off" else None,
            )
        )
    Action.objects.bulk_create(actions)
    disagreements = [
        (
            action.reference,
            action.rag_value,
            rag.suggest(action, ON) if not action.rag_override else action.rag_override,
        )
        for action in Action.objects.with_rag(ON)
        if action.rag_value != (action.rag_override or rag.suggest(action, ON))
    ]
    assert len(actions) > 1000
    assert disagreements == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"starts_on": date(2015, 1, 1), "due_on": date(2014, 1, 1)}, "action_due_after_start"),
        ({"revised_due_on": date(2015, 6, 1)}, "action_revised_due_has_reason"),
        ({"rag_override": "red"}, "action_rag_override_has_reason"),
        ({"progress": 101}, "action_progress_at_most_100"),
        ({"status": "signed_off"}, "action_signed_off_has_signatory"),
    ],
)
def test_action_constraints(fields, constraint):
    theme = make_theme()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make_action(theme=theme, **fields)


@pytest.mark.django_db
def test_references_are_unique_in_a_plan_only():
    theme = make_theme()
    make_action(theme=theme, reference="1.1")
    sub_plan = make_sub_plan(theme.plan, make_district())
    make_action(plan=sub_plan, theme=theme, reference="1.1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(theme=theme, reference="1.1")


@pytest.mark.django_db
def test_a_sub_plan_needs_a_parent_and_a_district():
    with pytest.raises(IntegrityError, match="plan_sub_plan_has_district_and_parent"), transaction.atomic():
        make_plan(district=make_district())
    parent = make_plan()
    assert make_sub_plan(parent, make_district()).is_sub_plan


@pytest.mark.django_db
def test_overdue_and_due_within(settings):
    settings.AS_OF_DATE = ON
    theme = make_theme()
    late = make_action(theme=theme, due_on=date(2014, 11, 30))
    revised = make_action(
        theme=theme, due_on=date(2014, 11, 30), revised_due_on=date(2014, 12, 20), revision_reason="Staff changes"
    )
    make_action(theme=theme, due_on=date(2014, 11, 30), status=Action.Status.COMPLETE)
    make_action(theme=theme, due_on=date(2015, 3, 1))
    assert list(Action.objects.overdue()) == [late]
    assert list(Action.objects.due_within(30)) == [revised]
    assert late.is_overdue and not revised.is_overdue


@pytest.mark.django_db
def test_editable_by_follows_the_roles_and_districts(district, other_district, project_manager, director, viewer):
    county = make_plan()
    theme = make_theme(plan=county)
    ours = make_action(plan=make_sub_plan(county, district), theme=theme)
    theirs_led_by_us = make_action(
        plan=make_sub_plan(county, other_district), theme=theme, lead_officer=project_manager
    )
    theirs = make_action(plan=theirs_led_by_us.plan, theme=theme)
    countywide = make_action(plan=county, theme=theme)
    county_pm = make_user(roles.PROJECT_MANAGER)

    assert set(Action.objects.editable_by(project_manager)) == {ours, theirs_led_by_us}
    assert set(Action.objects.editable_by(county_pm)) == {countywide}
    assert set(Action.objects.editable_by(director)) == {ours, theirs_led_by_us, theirs, countywide}
    assert list(Action.objects.editable_by(viewer)) == []
    assert set(Action.objects.visible_to(viewer)) == {ours, theirs_led_by_us, theirs, countywide}
    assert list(Action.objects.visible_to(make_user())) == []


@pytest.mark.django_db
def test_every_change_is_in_the_history(project_manager):
    action = make_action()
    action.progress = 40
    action.save()
    assert action.history.count() == 2
    assert action.history.first().progress == 40
    assert Plan.history.count() == 1
