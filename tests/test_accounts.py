import pytest
from django.contrib.auth.models import Group, Permission

from organisation import roles
from organisation.models import User


@pytest.mark.django_db
def test_sign_in_with_the_right_password_reaches_home(client, project_manager):
    response = client.post("/sign-in/", {"username": "pm", "password": "a-long-test-password"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Signed in as Test Person" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_is_a_400_with_an_error_summary(client, project_manager):
    response = client.post("/sign-in/", {"username": "pm", "password": "wrong"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a correct username and password" in page


@pytest.mark.django_db
def test_empty_sign_in_says_what_is_missing(client):
    response = client.post("/sign-in/", {"username": "", "password": ""})
    assert response.status_code == 400
    assert "Enter your username" in response.content.decode()
    assert "Enter your password" in response.content.decode()


@pytest.mark.django_db
def test_repeated_failures_lock_out_that_username_from_that_address(client, project_manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "pm", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "pm", "password": "a-long-test-password"})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_does_not_block_another_username(client, project_manager, viewer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "pm", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "viewer", "password": "a-long-test-password"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_sign_out_is_a_post(pm_client):
    assert pm_client.get("/sign-out/").status_code == 405
    response = pm_client.post("/sign-out/")
    assert response.status_code == 302
    assert pm_client.get("/").status_code == 302


@pytest.mark.django_db
def test_password_change(pm_client, project_manager):
    response = pm_client.post(
        "/account/password/",
        {
            "old_password": "a-long-test-password",
            "new_password1": "a-brand-new-passphrase-42",
            "new_password2": "a-brand-new-passphrase-42",
        },
        follow=True,
    )
    assert "Your password has been changed." in response.content.decode()
    project_manager.refresh_from_db()
    assert project_manager.check_password("a-brand-new-passphrase-42")


@pytest.mark.django_db
def test_password_change_with_a_weak_password_is_refused(pm_client, project_manager):
    response = pm_client.post(
        "/account/password/",
        {"old_password": "a-long-test-password", "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    project_manager.refresh_from_db()
    assert project_manager.check_password("a-long-test-password")


@pytest.mark.django_db
def test_profile_shows_role_and_districts(pm_client):
    page = pm_client.get("/account/").content.decode()
    assert "Project manager" in page
    assert "Ashford" in page


@pytest.mark.django_db
def test_every_role_group_exists():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)


@pytest.mark.django_db
def test_every_permission_named_for_a_role_exists():
    for role, codes in roles.ROLE_PERMISSIONS.items():
        for code in codes:
            app_label, codename = code.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), (
                f"{role} names {code}, which no model defines"
            )
        group = Group.objects.get(name=role)
        assert group.permissions.count() == len(codes)


@pytest.mark.django_db
def test_a_person_without_districts_is_countywide(director):
    assert director.districts.count() == 0
    assert isinstance(director, User)
    assert director.role_display == "Assistant director"
