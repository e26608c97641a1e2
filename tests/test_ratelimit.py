import pytest

from audit.models import AuditEvent


@pytest.fixture
def two_exports_a_minute(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "export": (2, 60)}


@pytest.mark.django_db
def test_exports_are_limited_per_person(two_exports_a_minute, admin_client, director_client):
    for _ in range(2):
        assert admin_client.get("/audit/export.csv").status_code == 200
    refused = admin_client.get("/audit/export.csv")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert "You have done that too many times" in page
    assert "2 times every 1 minute" in page
    assert AuditEvent.objects.filter(kind="export").count() == 2  # the refused one did nothing
    # Another person is not held back by the first one's count.
    assert director_client.get("/plan/actions/export.csv").status_code == 200


@pytest.mark.django_db
def test_imports_count_only_uploads(settings, pm_client):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "import": (1, 3600)}
    for _ in range(3):
        assert pm_client.get("/plan/import/").status_code == 200  # looking at the form is free
    pm_client.post("/plan/import/", {})
    refused = pm_client.post("/plan/import/", {})
    assert refused.status_code == 429
    assert "1 time every 1 hour" in refused.content.decode()


def test_an_unknown_cache_url_stops_the_server():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={"DEBUG": "true", "CACHE_URL": "memcached://somewhere", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CACHE_URL must be locmem:// or a redis:// address" in result.stderr
