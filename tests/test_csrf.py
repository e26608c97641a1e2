import pytest
from django.test import Client


@pytest.mark.django_db
def test_sign_in_without_a_csrf_token_is_refused(project_manager):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sign-in/", {"username": "pm", "password": "a-long-test-password"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_without_a_csrf_token_is_refused(project_manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(project_manager)
    response = client.post("/sign-out/")
    assert response.status_code == 403
    assert client.get("/").status_code == 200  # still signed in


@pytest.mark.django_db
def test_sign_in_with_the_token_from_the_form_works(project_manager):
    client = Client(enforce_csrf_checks=True)
    client.get("/sign-in/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/sign-in/", {"username": "pm", "password": "a-long-test-password", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
