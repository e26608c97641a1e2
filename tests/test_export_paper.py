"""The export_paper command writes a paper to a file for scheduled publication."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_block, make_paper, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(db):
    paper = make_paper(subject="Exported paper")
    make_block(make_section(paper, heading="Introduction"), text="Some words.")
    return paper


def test_exports_the_latest_published_version_byte_for_byte(clerk, paper, tmp_path):
    paper.publish(clerk)
    latest = paper.publish(clerk)
    call_command("export_paper", str(paper.pk), str(tmp_path / "paper.pdf"))
    call_command("export_paper", str(paper.pk), str(tmp_path / "paper.docx"))
    assert (tmp_path / "paper.pdf").read_bytes() == bytes(latest.pdf)
    assert (tmp_path / "paper.docx").read_bytes() == bytes(latest.docx)


def test_exports_the_draft_when_asked(paper, tmp_path):
    call_command("export_paper", str(paper.pk), str(tmp_path / "draft.pdf"), "--draft")
    call_command("export_paper", str(paper.pk), str(tmp_path / "draft.docx"), "--draft")
    assert (tmp_path / "draft.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "draft.docx").read_bytes().startswith(b"PK")


def test_a_paper_never_published_needs_draft(paper, tmp_path):
    with pytest.raises(CommandError, match="no published version"):
        call_command("export_paper", str(paper.pk), str(tmp_path / "paper.pdf"))
    assert not (tmp_path / "paper.pdf").exists()


def test_refuses_unknown_papers_and_formats(paper, tmp_path):
    with pytest.raises(CommandError, match="no paper 999999"):
        call_command("export_paper", "999999", str(tmp_path / "paper.pdf"))
    with pytest.raises(CommandError, match=".pdf or .docx"):
        call_command("export_paper", str(paper.pk), str(tmp_path / "paper.html"))


def test_dry_run_writes_nothing(paper, tmp_path):
    call_command("export_paper", str(paper.pk), str(tmp_path / "draft.pdf"), "--draft", "--dry-run")
    assert not (tmp_path / "draft.pdf").exists()


def test_exports_are_recorded_in_the_audit_log(paper, tmp_path):
    from audit.models import AuditEvent

    call_command("export_paper", str(paper.pk), str(tmp_path / "draft.pdf"), "--draft")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORT)
    assert f"the draft of paper {paper.pk}" in event.summary
