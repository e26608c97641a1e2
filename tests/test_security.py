import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_pages_carry_the_security_headers(viewer_client):
    response = viewer_client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only(client, project_manager):
    client.get("/sign-in/")
    client.post("/sign-in/", {"username": "pm", "password": "a-long-test-password"})
    assert client.cookies["sessionid"]["httponly"]
    assert client.cookies["csrftoken"]["httponly"]


@pytest.mark.django_db
def test_sign_in_rotates_the_session_key(client, project_manager):
    client.get("/sign-in/")
    client.session.save()
    before = client.session.session_key
    client.post("/sign-in/", {"username": "pm", "password": "a-long-test-password"})
    assert client.session.session_key != before


@pytest.mark.django_db
def test_health_says_ok_and_nothing_else(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused: secret host details")

    monkeypatch.setattr("improvement.views.connection.cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.content == b"unavailable"


def test_health_refuses_post(client):
    assert client.post("/health/").status_code == 405
