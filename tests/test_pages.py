import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from organisation.models import District, User


@pytest.mark.django_db
def test_home_shows_the_service_and_navigation(viewer_client):
    page = viewer_client.get("/").content.decode()
    assert "Children&#x27;s services improvement tracker" in page
    assert 'aria-label="Menu"' in page
    assert ">Districts<" in page or "Districts\n" in page


@pytest.mark.django_db
def test_districts_list_and_detail(viewer_client, district):
    listing = viewer_client.get("/districts/").content.decode()
    assert "Ashford" in listing
    detail = viewer_client.get("/districts/ashford/")
    assert detail.status_code == 200
    assert viewer_client.get("/districts/nowhere/").status_code == 404


@pytest.mark.django_db
def test_not_found_page_is_styled(viewer_client):
    response = viewer_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-header" in response.content.decode()


def test_accessibility_statement_is_public(client):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert "WCAG" in response.content.decode()


@pytest.mark.django_db
def test_load_demo_creates_districts_and_logins_and_is_idempotent(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "Demo logins" in first
    assert District.objects.count() == 12
    people = User.objects.count()
    call_command("load_demo")
    assert District.objects.count() == 12
    assert User.objects.count() == people
    pm = User.objects.get(username="pm")
    assert sorted(pm.districts.values_list("name", flat=True)) == ["Ashford", "Canterbury"]
    assert pm.has_role("Project manager")
    assert User.objects.get(username="countypm").districts.count() == 0


@pytest.mark.django_db
def test_load_demo_refuses_where_demo_data_is_not_allowed(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        call_command("load_demo")
    assert not User.objects.filter(username="pm").exists()


@pytest.mark.django_db
def test_load_demo_dry_run_saves_nothing():
    call_command("load_demo", "--dry-run")
    assert District.objects.count() == 0
