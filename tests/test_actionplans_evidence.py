"""Evidence files: checked on the way in, and served only to people who may see the action."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans import evidence
from actionplans.models import EvidenceFile
from tests.conftest import client_for
from tests.factories import make_action, make_plan, make_sub_plan, make_theme, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def action(district):
    county = make_plan()
    return make_action(plan=make_sub_plan(county, district), theme=make_theme(plan=county))


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(client, action, name, content, note="Audit summary"):
    return client.post(
        reverse("evidence_upload", args=[action.pk]), {"file": SimpleUploadedFile(name, content), "note": note}
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("audit.pdf", PDF), ("report.docx", None), ("figures.csv", b"team,cases\nA,4\n"), ("notes.txt", "Café".encode())],
)
def test_good_files_are_stored_and_downloadable(pm_client, viewer_client, project_manager, action, name, content):
    content = content if content is not None else docx_bytes()
    response = upload(pm_client, action, name, content)
    assert response.status_code == 302
    stored = EvidenceFile.objects.get()
    assert stored.original_name == name and stored.uploaded_by == project_manager
    assert name not in stored.file.name  # stored under a random name
    download = viewer_client.get(stored.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "must be a PDF, Word, Excel, CSV, PNG, JPEG or plain text"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "not a real PDF"),
        ("fake.docx", PDF, "not a real DOCX"),
        ("fake.png", b"GIF89a", "not a real PNG"),
        ("binary.txt", b"\x00\x01\x02", "not a real TXT"),
        ("empty.pdf", b"", "file is empty"),
    ],
)
def test_bad_files_are_refused(pm_client, action, name, content, message):
    response = upload(pm_client, action, name, content)
    assert response.status_code == 400
    assert message in response.text
    assert not EvidenceFile.objects.exists()


def test_a_file_too_large_is_refused(pm_client, action, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_SIZE", 20)
    response = upload(pm_client, action, "big.pdf", PDF)
    assert response.status_code == 400
    assert "must be smaller than" in response.text
    assert not EvidenceFile.objects.exists()


def test_download_is_refused_to_people_without_a_role(pm_client, action, client):
    upload(pm_client, action, "audit.pdf", PDF)
    stored = EvidenceFile.objects.get()
    assert client.get(stored.get_absolute_url()).status_code == 302
    assert client_for(make_user()).get(stored.get_absolute_url()).status_code == 404
    assert pm_client.post(stored.get_absolute_url()).status_code == 405


def test_evidence_lets_a_director_sign_off_without_a_note(pm_client, director_client, action):
    action.status = "complete"
    action.save()
    upload(pm_client, action, "audit.pdf", PDF)
    assert director_client.post(reverse("action_sign_off", args=[action.pk]), {"evidence_note": ""}).status_code == 302
    action.refresh_from_db()
    assert action.status == "signed_off"
