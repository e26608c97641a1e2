import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_action, make_finding, make_inspection, make_paper, make_update, make_user

pytestmark = pytest.mark.django_db


def test_search_finds_across_the_service(viewer_client, director):
    make_inspection(title="Fostering Services", summary="Judged adequate.")
    make_finding(text="Strengthen supervision of fostering placements.")
    action = make_action(title="Audit fostering case files")
    make_update(action, director, narrative="Fostering panel reviewed ten cases.")
    make_action(title="Unrelated action")
    page = viewer_client.get("/search/", {"q": "fostering"}).content.decode()
    assert "4 results for ‘fostering’" in page
    for heading in ["Inspections and reviews (1)", "Findings (1)", "Actions (1)", "Progress updates (1)"]:
        assert heading in page
    assert "Unrelated action" not in page


def test_every_word_must_match(viewer_client):
    make_action(title="Audit fostering case files")
    make_action(title="Audit adoption case files")
    page = viewer_client.get("/search/", {"q": "audit adoption"}).content.decode()
    assert "Audit adoption case files" in page
    assert "Audit fostering case files" not in page


def test_readers_do_not_find_unpublished_papers(viewer_client, clerk_client):
    make_paper(subject="Improvement journey update")
    assert "Committee papers (1)" in clerk_client.get("/search/", {"q": "journey"}).content.decode()
    assert "Committee papers (" not in viewer_client.get("/search/", {"q": "journey"}).content.decode()


def test_people_without_a_role_find_nothing(client):
    make_action(title="Audit fostering case files")
    client.force_login(make_user())
    page = client.get("/search/", {"q": "fostering"}).content.decode()
    assert "Audit fostering case files" not in page


def test_a_search_too_long_is_a_400(viewer_client):
    response = viewer_client.get("/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "Search for 200 characters or fewer" in response.content.decode()


def test_an_empty_search_shows_the_form(viewer_client):
    response = viewer_client.get("/search/")
    assert response.status_code == 200
    assert "results for" not in response.content.decode()


def test_other_forms_of_a_word_match_where_the_database_stems_them(viewer_client):
    make_action(title="Audit case files every month")
    found = "Audit case files every month" in viewer_client.get("/search/", {"q": "audits"}).content.decode()
    # PostgreSQL's English full-text search stems "audits" to "audit"; the SQLite fallback
    # matches the words as typed.
    assert found is (connection.vendor == "postgresql")


def test_search_query_count_does_not_grow(viewer_client, director):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            viewer_client.get("/search/", {"q": "fostering"})
        return len(captured)

    make_action(title="Fostering one")
    small = count()
    for number in range(30):
        action = make_action(title=f"Fostering {number}")
        make_update(action, director, narrative="Fostering work")
        make_finding(text=f"Fostering finding {number}")
    assert count() == small
