"""The plan's pages: the permission ladder for every view, scoping, and the happy paths."""

from datetime import date

import pytest
from django.urls import reverse

from actionplans.models import Action, ProgressUpdate
from organisation import roles
from tests.conftest import client_for
from tests.factories import make_action, make_plan, make_sub_plan, make_theme, make_update, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_of(settings):
    settings.AS_OF_DATE = date(2014, 12, 1)
    return settings.AS_OF_DATE


@pytest.fixture
def county_plan(db):
    return make_plan()


@pytest.fixture
def theme(county_plan):
    return make_theme(plan=county_plan, number=1, title="Quality of Practice")


@pytest.fixture
def our_action(county_plan, theme, district):
    """An action in the project manager's district's sub-plan."""
    return make_action(plan=make_sub_plan(county_plan, district), theme=theme, reference="ASH-1", progress=60)


@pytest.fixture
def their_action(county_plan, theme, other_district):
    """An action in another district's sub-plan."""
    return make_action(plan=make_sub_plan(county_plan, other_district), theme=theme, reference="THA-1", progress=60)


def date_fields(name: str, value: date | None) -> dict:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


def action_post(action: Action, **changes) -> dict:
    data = {
        "reference": action.reference,
        "title": action.title,
        "description": action.description,
        "theme": action.theme_id,
        "lead_officer_name": action.lead_officer_name,
        "lead_officer_title": action.lead_officer_title,
        "lead_officer": action.lead_officer_id or "",
        "status": action.status,
        "progress": action.progress,
        "rag_override": action.rag_override,
        "rag_override_reason": action.rag_override_reason,
        "revision_reason": action.revision_reason,
        "success_measure": action.success_measure,
        "evidence_of_impact": action.evidence_of_impact,
        "version": action.version,
        **date_fields("starts_on", action.starts_on),
        **date_fields("due_on", action.due_on),
        **date_fields("revised_due_on", action.revised_due_on),
    }
    for key, value in changes.items():
        if isinstance(value, date) or (value is None and key.endswith("_on")):
            data.update(date_fields(key, value))
        else:
            data[key] = value
    return data


# --- Reading -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan_list", "action_list", "rag_key", "unanswered_findings"])
def test_read_pages_need_sign_in_and_are_open_to_every_role(client, viewer_client, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    assert viewer_client.get(url).status_code == 200
    assert viewer_client.post(url).status_code == 405


def test_plan_and_action_pages(viewer_client, our_action, as_of):
    plan = our_action.plan
    response = viewer_client.get(reverse("plan_detail", args=[plan.parent_id]))
    assert response.status_code == 200
    assert plan.district.name in response.text
    response = viewer_client.get(reverse("plan_detail", args=[plan.pk]))
    assert our_action.title in response.text
    response = viewer_client.get(our_action.get_absolute_url())
    assert response.status_code == 200
    assert "Why green" in response.text or "Why " in response.text
    assert "Edit the action" not in response.text
    assert reverse("rag_key") in response.text


def test_people_without_a_role_see_nothing(our_action):
    nobody = client_for(make_user())
    assert nobody.get(our_action.get_absolute_url()).status_code == 404
    assert nobody.get(reverse("plan_detail", args=[our_action.plan_id])).status_code == 404


def test_missing_things_are_404(viewer_client):
    assert viewer_client.get(reverse("action_detail", args=[999])).status_code == 404
    assert viewer_client.get(reverse("plan_detail", args=[999])).status_code == 404


# --- Editing: the ladder --------------------------------------------------------


WRITE_VIEWS = ["action_edit", "update_create", "evidence_upload"]


@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_write_views_ladder(client, viewer_client, clerk_client, pm_client, our_action, their_action, name):
    url = reverse(name, args=[our_action.pk])
    assert client.get(url).status_code == 302
    assert viewer_client.get(url).status_code == 403
    assert clerk_client.post(url).status_code == 403
    assert pm_client.get(reverse(name, args=[their_action.pk])).status_code == 404
    assert pm_client.post(reverse(name, args=[their_action.pk])).status_code == 404
    assert pm_client.put(url).status_code == 405
    assert pm_client.get(url).status_code == 200


def test_project_manager_may_edit_what_they_lead_elsewhere(project_manager, pm_client, their_action):
    their_action.lead_officer = project_manager
    their_action.save()
    assert pm_client.get(reverse("action_edit", args=[their_action.pk])).status_code == 200


def test_director_edits_everything(director_client, their_action, our_action):
    for action in (their_action, our_action):
        assert director_client.get(reverse("action_edit", args=[action.pk])).status_code == 200


def test_edit_shows_buttons_only_to_those_in_scope(pm_client, our_action, their_action):
    assert "Edit the action" in pm_client.get(our_action.get_absolute_url()).text
    assert "Edit the action" not in pm_client.get(their_action.get_absolute_url()).text


def test_edit_saves_and_records_history(project_manager, pm_client, our_action, as_of):
    url = reverse("action_edit", args=[our_action.pk])
    response = pm_client.post(url, action_post(our_action, progress=60, title="Run practice workshops"))
    assert response.status_code == 302
    our_action.refresh_from_db()
    assert (our_action.progress, our_action.title, our_action.version) == (60, "Run practice workshops", 2)
    latest = our_action.history.first()
    assert latest.history_user == project_manager
    page = pm_client.get(our_action.get_absolute_url()).text
    assert "History of changes" in page and "Run practice workshops" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"starts_on": date(2015, 6, 1)},
            "The start date must be on or before the due date first agreed, 31 March 2015",
        ),
        ({"revised_due_on": date(2015, 6, 30)}, "Give the reason the due date was revised"),
        ({"rag_override": "amber"}, "Give the reason for overriding the suggested rating"),
        ({"progress": 140}, "Progress must be between 0 and 100"),
        ({"reference": "DUP"}, "Another action in this plan already has this reference"),
        ({"starts_on": None}, "Enter the start date"),
        ({"status": "signed_off"}, "Select a valid choice"),
    ],
)
def test_bad_edits_are_400_and_save_nothing(pm_client, our_action, changes, message):
    make_action(plan=our_action.plan, theme=our_action.theme, reference="DUP")
    before = our_action.history.count()
    response = pm_client.post(reverse("action_edit", args=[our_action.pk]), action_post(our_action, **changes))
    assert response.status_code == 400
    assert message in response.text
    assert "govuk-error-summary" in response.text
    assert our_action.history.count() == before
    our_action.refresh_from_db()
    assert our_action.version == 1


def test_a_stale_edit_is_refused_and_shows_what_changed(pm_client, director_client, our_action, as_of):
    url = reverse("action_edit", args=[our_action.pk])
    read_by_pm = action_post(our_action)  # both people open the form at version 1
    read_by_director = action_post(our_action)
    read_by_director.update(title="The director's title", progress="20")
    assert director_client.post(url, read_by_director).status_code == 302

    read_by_pm.update(progress="45", status="blocked")
    response = pm_client.post(url, read_by_pm)
    assert response.status_code == 409
    assert "Your changes to action ASH-1 were not saved" in response.text
    assert "The director&#x27;s title" in response.text  # what changed meanwhile
    assert "45" in response.text and "Blocked" in response.text  # what they tried to save, in words
    our_action.refresh_from_db()
    assert (our_action.title, our_action.progress, our_action.version) == ("The director's title", 20, 2)


def test_a_missing_version_is_a_conflict_not_an_overwrite(pm_client, our_action):
    data = action_post(our_action, progress=45)
    del data["version"]
    assert pm_client.post(reverse("action_edit", args=[our_action.pk]), data).status_code == 409


def test_create_an_action_in_scope(pm_client, our_action, their_action, as_of):
    sub_plan = our_action.plan
    new = action_post(our_action, reference="ASH-2", title="A new local action")
    assert pm_client.get(reverse("action_create", args=[their_action.plan_id])).status_code == 404
    assert pm_client.post(reverse("action_create", args=[their_action.plan_id]), new).status_code == 404
    response = pm_client.post(reverse("action_create", args=[sub_plan.pk]), new)
    assert response.status_code == 302
    created = Action.objects.get(plan=sub_plan, reference="ASH-2")
    assert created.district == sub_plan.district


def test_readers_cannot_create(viewer_client, our_action):
    assert viewer_client.get(reverse("action_create", args=[our_action.plan_id])).status_code == 403


# --- Progress updates and sign-off ----------------------------------------------


def update_post(**changes) -> dict:
    data = {
        "narrative": "Workshops held in all four teams.",
        "progress": "50",
        "status": "in_progress",
        "next_steps": "Audit in January.",
        "risks": "",
        **date_fields("dated", date(2014, 11, 28)),
    }
    data.update(changes)
    return data


def test_post_a_progress_update(project_manager, pm_client, our_action, as_of):
    response = pm_client.post(reverse("update_create", args=[our_action.pk]), update_post())
    assert response.status_code == 302
    update = our_action.updates.get()
    our_action.refresh_from_db()
    assert update.author == project_manager
    assert update.review_status == ProgressUpdate.ReviewStatus.AWAITING
    assert our_action.progress == 50 and update.rag == our_action.rag.value
    assert our_action.version == 2
    assert update.history.get().history_user == project_manager
    assert our_action.history.first().history_user == project_manager


def test_a_future_or_empty_update_is_400(pm_client, our_action, as_of):
    url = reverse("update_create", args=[our_action.pk])
    assert pm_client.post(url, update_post(**date_fields("dated", date(2015, 1, 1)))).status_code == 400
    assert pm_client.post(url, update_post(narrative="")).status_code == 400
    assert not our_action.updates.exists()


def test_review_ladder(client, pm_client, viewer_client, director_client, our_action, project_manager):
    update = make_update(our_action, project_manager)
    url = reverse("update_review", args=[update.pk])
    assert client.get(url).status_code == 302
    assert viewer_client.get(url).status_code == 403
    assert pm_client.post(url, {"decision": "signed_off"}).status_code == 403
    assert director_client.put(url).status_code == 405
    assert director_client.get(reverse("update_review", args=[999])).status_code == 404
    assert director_client.get(url).status_code == 200
    update.refresh_from_db()
    assert update.review_status == ProgressUpdate.ReviewStatus.AWAITING


def test_director_signs_off_or_returns_an_update(director, director_client, our_action, project_manager):
    first, second = make_update(our_action, project_manager), make_update(our_action, project_manager)
    awaiting = director_client.get(reverse("review_list")).text
    assert reverse("update_review", args=[first.pk]) in awaiting

    response = director_client.post(reverse("update_review", args=[first.pk]), {"decision": "returned"})
    assert response.status_code == 400
    assert "Say what needs to change" in response.text

    director_client.post(reverse("update_review", args=[first.pk]), {"decision": "signed_off"})
    director_client.post(
        reverse("update_review", args=[second.pk]), {"decision": "returned", "comments": "Add the audit figures."}
    )
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review_status, first.reviewer) == ("signed_off", director)
    assert (second.review_status, second.review_comments) == ("returned", "Add the audit figures.")
    assert reverse("update_review", args=[first.pk]) not in director_client.get(reverse("review_list")).text
    assert first.history.count() == 2


def test_review_list_is_for_directors(pm_client, viewer_client, director_client):
    assert pm_client.get(reverse("review_list")).status_code == 403
    assert viewer_client.get(reverse("review_list")).status_code == 403
    assert director_client.get(reverse("review_list")).status_code == 200


def test_completing_needs_a_director_and_evidence(pm_client, director_client, director, our_action):
    our_action.status = Action.Status.COMPLETE
    our_action.save()
    url = reverse("action_sign_off", args=[our_action.pk])
    assert pm_client.post(url, {"evidence_note": "Done"}).status_code == 403
    response = director_client.post(url, {"evidence_note": ""})
    assert response.status_code == 400
    assert "Give the evidence, or upload an evidence file first" in response.text
    our_action.refresh_from_db()
    assert our_action.status == Action.Status.COMPLETE

    assert director_client.post(url, {"evidence_note": "Audit of 40 cases, all good."}).status_code == 302
    our_action.refresh_from_db()
    assert our_action.status == Action.Status.SIGNED_OFF
    assert our_action.signed_off_by == director
    assert our_action.rag.value == "blue"
    latest = our_action.history.first()
    assert (latest.history_user, latest.status, latest.sign_off_note) == (
        director,
        "signed_off",
        "Audit of 40 cases, all good.",
    )
    from audit.models import AuditEvent

    assert AuditEvent.objects.filter(kind="sign_off", user=director).exists()


def test_project_managers_cannot_sign_off_through_the_edit_form(pm_client, our_action):
    our_action.status = Action.Status.COMPLETE
    our_action.save()
    response = pm_client.post(
        reverse("action_edit", args=[our_action.pk]), action_post(our_action, status="signed_off")
    )
    assert response.status_code == 400
    our_action.refresh_from_db()
    assert our_action.status == Action.Status.COMPLETE


# --- The list ---------------------------------------------------------------------


def test_list_filters(viewer_client, our_action, their_action, theme, as_of):
    overdue = make_action(plan=our_action.plan, theme=theme, reference="LATE", due_on=date(2014, 11, 1))
    soon = make_action(plan=our_action.plan, theme=theme, reference="SOON", due_on=date(2014, 12, 10), progress=95)
    url = reverse("action_list")

    def refs(**params):
        response = viewer_client.get(url, params)
        assert response.status_code == 200
        return [action.reference for action in response.context["page_obj"].object_list]

    assert set(refs(district=our_action.district_id)) == {"ASH-1", "LATE", "SOON"}
    assert refs(overdue="on") == ["LATE"]
    assert refs(rag="red") == [overdue.reference]
    assert refs(due_within=14) == [soon.reference]
    assert refs(q="tha-") == ["THA-1"]
    assert refs(lead="lee officer", plan=their_action.plan_id) == ["THA-1"]
    assert refs(sort="-reference")[0] == "THA-1"
    assert refs(sort="rag")[0] == "LATE"
    assert refs(sort="due")[0] == "LATE"


def test_list_with_a_bad_filter_is_400(viewer_client):
    response = viewer_client.get(reverse("action_list"), {"due_within": "soon"})
    assert response.status_code == 400
    assert "Due within (days): Enter a number." in response.text
    assert response.context["page_obj"].paginator.count == 0


def test_export_neutralises_formulas(viewer_client, our_action):
    our_action.title = '=HYPERLINK("http://evil")'
    our_action.lead_officer_name = "@SUM(A1)"
    our_action.save()
    csv_response = viewer_client.get(reverse("action_export_csv"), {"district": our_action.district_id})
    assert csv_response["Content-Disposition"].startswith("attachment")
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert "ASH-1" in text

    import io

    from openpyxl import load_workbook

    xlsx = viewer_client.get(reverse("action_export_xlsx"), {"district": our_action.district_id})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for cell in sheet[2]]
    assert '\'=HYPERLINK("http://evil")' in values
    assert sheet.max_row == 2


def make_many(plan, theme, count):
    Action.objects.bulk_create(
        Action(
            plan=plan,
            theme=theme,
            reference=f"B{number}",
            title=f"Bulk action {number}",
            lead_officer_name="Lee",
            starts_on=date(2014, 9, 1),
            due_on=date(2015, 3, 1) if number % 2 else date(2014, 10, 1),
            progress=number % 100,
        )
        for number in range(count)
    )


@pytest.mark.parametrize("params", [{}, {"sort": "rag"}, {"rag": "red", "sort": "-due"}, {"overdue": "on"}])
def test_action_list_query_count_does_not_grow(
    viewer_client, county_plan, theme, django_assert_max_num_queries, params
):
    url = reverse("action_list")
    make_many(county_plan, theme, 5)
    viewer_client.get(url, params)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert viewer_client.get(url, params).status_code == 200
    make_many_more = 120
    Action.objects.filter(reference__startswith="B").delete()
    make_many(county_plan, theme, make_many_more)
    with CaptureQueriesContext(connection) as large:
        assert viewer_client.get(url, params).status_code == 200
    assert len(large) == len(small)
    assert len(small) <= 14


def test_action_detail_query_count_does_not_grow(viewer_client, our_action, project_manager, director):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_update(our_action, project_manager)
    viewer_client.get(our_action.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        viewer_client.get(our_action.get_absolute_url())
    for _ in range(5):
        make_update(our_action, project_manager)
        our_action.progress += 5
        our_action.save()
    with CaptureQueriesContext(connection) as large:
        viewer_client.get(our_action.get_absolute_url())
    assert len(large) == len(small)


def test_the_county_project_manager_edits_countywide_actions(county_plan, theme, our_action):
    countywide = make_action(plan=county_plan, theme=theme)
    county_pm = client_for(make_user(roles.PROJECT_MANAGER))
    assert county_pm.get(reverse("action_edit", args=[countywide.pk])).status_code == 200
    assert county_pm.get(reverse("action_edit", args=[our_action.pk])).status_code == 404


def test_a_signed_off_action_takes_no_more_updates(pm_client, our_action, director, as_of):
    our_action.status, our_action.signed_off_by = Action.Status.SIGNED_OFF, director
    our_action.save()
    response = pm_client.post(reverse("update_create", args=[our_action.pk]), update_post(status="in_progress"))
    assert response.status_code == 302
    our_action.refresh_from_db()
    assert our_action.status == Action.Status.SIGNED_OFF
    assert not our_action.updates.exists()


def count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_plan_page_and_review_list_query_counts_do_not_grow(director_client, our_action, project_manager):
    county, sub_plan = our_action.plan.parent, our_action.plan
    urls = [county.get_absolute_url(), sub_plan.get_absolute_url(), reverse("review_list")]
    make_update(our_action, project_manager)
    director_client.get(urls[0])
    small = [count_queries(director_client, url) for url in urls]
    for number in range(8):
        action = make_action(plan=sub_plan, theme=our_action.theme, status="complete" if number % 2 else "in_progress")
        make_update(action, project_manager)
    assert [count_queries(director_client, url) for url in urls] == small


def test_a_very_large_plan_links_to_the_list_instead_of_listing(director_client, our_action, monkeypatch):
    from actionplans import views

    monkeypatch.setattr(views, "PLAN_PAGE_LIMIT", 0)
    page = director_client.get(our_action.plan.get_absolute_url()).text
    assert our_action.title not in page
    assert f"?plan={our_action.plan_id}&amp;theme={our_action.theme_id}" in page


def test_an_override_shows_its_reason_in_the_list(viewer_client, our_action):
    our_action.rag_override, our_action.rag_override_reason = "green", "Recovery plan agreed with the district."
    our_action.save()
    page = viewer_client.get(reverse("action_list")).text
    assert "Set by hand: Recovery plan agreed with the district." in page
    assert "app-rag--green" in page


def test_the_original_due_date_is_kept(pm_client, our_action, as_of):
    response = pm_client.post(
        reverse("action_edit", args=[our_action.pk]),
        action_post(
            our_action, due_on=date(2015, 9, 30), revised_due_on=date(2015, 6, 30), revision_reason="Staff left"
        ),
    )
    assert response.status_code == 302
    our_action.refresh_from_db()
    assert (our_action.due_on, our_action.revised_due_on, our_action.due) == (
        date(2015, 3, 31),
        date(2015, 6, 30),
        date(2015, 6, 30),
    )


def test_a_new_action_due_before_it_starts_is_refused(pm_client, our_action):
    data = action_post(our_action, reference="ASH-9", due_on=date(2014, 8, 1))
    response = pm_client.post(reverse("action_create", args=[our_action.plan_id]), data)
    assert response.status_code == 400
    assert "The due date must be the same as or after the start date" in response.text
    assert not Action.objects.filter(reference="ASH-9").exists()
