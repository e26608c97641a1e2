import io
import json
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from improvement.backup import serialised_snapshot
from organisation.models import District, User


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidence" / "2014").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "2014" / "audit report.pdf").write_bytes(b"%PDF-1.7 evidence")
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_an_archive_restores_into_an_empty_database_losing_nothing(media, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    district = District.objects.get(name="Ashford")
    district.name = "Ashford (renamed to make history)"
    district.save()
    archive = tmp_path / "backup.tar.gz"
    call_command("export_archive", str(archive), stdout=io.StringIO())
    before = serialised_snapshot()  # now including the audit event of the export

    call_command("flush", interactive=False, verbosity=0)
    (media / "evidence" / "2014" / "audit report.pdf").unlink()
    assert not User.objects.exists()

    out = io.StringIO()
    call_command("restore_archive", str(archive), stdout=out)
    assert "Restored" in out.getvalue()
    after = serialised_snapshot()
    restore_events = [text for text in after if "Restored the archive" in text]
    assert len(restore_events) == 1
    after.subtract({restore_events[0]: 1})
    assert +after == +before
    assert (media / "evidence" / "2014" / "audit report.pdf").read_bytes() == b"%PDF-1.7 evidence"
    assert User.objects.get(username="pm").check_password("improve-kent-2014")
    assert District.objects.get(slug="ashford").history.count() == 2


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_records(media, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    archive = tmp_path / "backup.tar.gz"
    call_command("export_archive", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds records"):
        call_command("restore_archive", str(archive))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_or_foreign_archive(media, tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("hello")
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore_archive", str(not_an_archive))

    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        for name, content in [("manifest.json", b"{}"), ("../outside.txt", b"x")]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    with pytest.raises(CommandError, match="unsafe path"):
        call_command("restore_archive", str(evil))

    damaged = tmp_path / "damaged.tar.gz"
    manifest = json.dumps({"format": 1, "data_sha256": "0" * 64, "records": {}, "files": []}).encode()
    with tarfile.open(damaged, "w:gz") as archive:
        for name, content in [("manifest.json", manifest), ("data.json", b"[]")]:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore_archive", str(damaged))
    assert not User.objects.exists()
