import pytest
from django.contrib import admin
from django.test import Client

from audit.models import AuditEvent, record
from tests.factories import make_user


@pytest.mark.django_db
def test_sign_in_failed_sign_in_and_sign_out_are_recorded_with_the_address(project_manager):
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.post("/sign-in/", {"username": "pm", "password": "wrong"})
    client.post("/sign-in/", {"username": "pm", "password": "a-long-test-password"})
    client.post("/sign-out/")
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.kind for e in events] == ["sign_in_failed", "sign_in", "sign_out"]
    assert all(e.ip_address == "192.0.2.7" for e in events)
    assert events[0].username == "pm" and events[0].user is None
    assert events[1].user == project_manager
    assert "wrong" not in " ".join(e.summary for e in events)


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted(project_manager):
    event = record(None, AuditEvent.Kind.EXPORT, "Exported something", user=project_manager)
    event.summary = "Tampered"
    with pytest.raises(ValueError, match="cannot be changed"):
        event.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        event.delete()
    model_admin = admin.site._registry[AuditEvent]
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)
    assert not model_admin.has_add_permission(None)


@pytest.mark.django_db
def test_history_cannot_be_reverted_in_the_admin(settings):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True


@pytest.mark.django_db
def test_the_audit_log_is_for_administrators_only(pm_client, director_client, viewer_client):
    for client in (pm_client, director_client, viewer_client):
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export.csv").status_code == 403


@pytest.mark.django_db
def test_administrators_filter_and_export_the_audit_log(admin_client, project_manager):
    record(None, AuditEvent.Kind.SIGN_OFF, "Signed off ACT-1", user=project_manager)
    record(None, AuditEvent.Kind.EXPORT, "=HYPERLINK(evil)", user=project_manager)
    page = admin_client.get("/audit/", {"kind": "sign_off"}).content.decode()
    assert "Signed off ACT-1" in page
    assert "HYPERLINK" not in page
    response = admin_client.get("/audit/export.csv", {"kind": "export"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    assert "'=HYPERLINK(evil)" in body
    assert "Signed off" not in body
    # The export itself is recorded.
    assert AuditEvent.objects.filter(kind="export", summary__startswith="Exported the audit log").exists()


@pytest.mark.django_db
def test_bad_filters_are_a_400(admin_client):
    assert admin_client.get("/audit/", {"since": "not-a-date"}).status_code == 400
    assert admin_client.get("/audit/", {"kind": "nonsense"}).status_code == 400


@pytest.mark.django_db
def test_audit_log_query_count_does_not_grow(admin_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [make_user() for _ in range(3)]
    for person in people:
        record(None, AuditEvent.Kind.SIGN_IN, "in", user=person)
    with CaptureQueriesContext(connection) as small:
        admin_client.get("/audit/")
    for _ in range(60):
        record(None, AuditEvent.Kind.SIGN_IN, "in", user=make_user())
    with CaptureQueriesContext(connection) as large:
        admin_client.get("/audit/")
    assert len(large) == len(small)
