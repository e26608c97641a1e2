"""Publishing freezes a paper; published versions are read by everyone and never change."""

import io
import subprocess
from datetime import date

import docx
import pytest
from django.urls import reverse

from inspections.models import Inspection
from reports.models import PublishedVersion
from reports.rendering import render_paper, render_pdf, sha256
from tests.factories import make_block, make_committee, make_inspection, make_paper, make_section

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdftotext reads it, with whitespace collapsed."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [paragraph.text for paragraph in document.sections[0].header.paragraphs]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def paper_with_history(db):
    paper = make_paper(subject="Inspections update")
    section = make_section(paper, heading="Introduction")
    make_block(section, text="Since 2012 there have been these inspections:")
    make_block(section, kind="inspection_history", options={})
    make_inspection(title="Fostering Services", started_on=date(2012, 6, 1), published_on=date(2012, 7, 31))
    return paper


def test_publishing_freezes_html_pdf_and_word_with_a_checksum(clerk_client, paper_with_history):
    response = clerk_client.post(reverse("paper_publish", args=[paper_with_history.pk]))
    version = PublishedVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert version.number == 1
    assert version.published_by.username == "clerk"
    assert bytes(version.pdf).startswith(b"%PDF-")
    assert bytes(version.docx).startswith(b"PK")
    assert version.sha256 == sha256(bytes(version.pdf))
    assert "Fostering Services – published report 31 July 2012" in version.html
    assert version.checksum_matches
    paper_with_history.refresh_from_db()
    assert paper_with_history.status == "published"


def test_a_published_pdf_stays_byte_identical_after_the_data_changes(clerk, paper_with_history):
    version = paper_with_history.publish(clerk)
    frozen_pdf, frozen_html, frozen_docx = bytes(version.pdf), version.html, bytes(version.docx)

    Inspection.objects.filter(title="Fostering Services").update(title="Fostering (renamed)")
    make_inspection(title="A later inspection", started_on=date(2015, 1, 5))

    version = PublishedVersion.objects.get(pk=version.pk)
    assert bytes(version.pdf) == frozen_pdf
    assert version.html == frozen_html
    assert bytes(version.docx) == frozen_docx
    assert version.checksum_matches
    # The draft does follow the data, so the frozen copy really is a copy.
    draft = pdf_text(render_pdf(paper_with_history))
    assert "A later inspection" in draft and "Fostering (renamed)" in draft
    assert "A later inspection" not in pdf_text(frozen_pdf)


def test_a_new_version_can_be_published_and_the_old_one_is_kept(clerk, director, paper_with_history):
    first = paper_with_history.publish(clerk)
    make_inspection(title="A later inspection", started_on=date(2015, 1, 5))
    second = paper_with_history.publish(director)
    assert (first.number, second.number) == (1, 2)
    assert "A later inspection" not in PublishedVersion.objects.get(pk=first.pk).html
    assert "A later inspection" in second.html


def test_a_published_version_cannot_be_changed_or_deleted(clerk, paper_with_history):
    version = paper_with_history.publish(clerk)
    version.html = "changed"
    with pytest.raises(PublishedVersion.Immutable):
        version.save()
    with pytest.raises(PublishedVersion.Immutable):
        PublishedVersion.objects.filter(pk=version.pk).update(html="changed")
    with pytest.raises(PublishedVersion.Immutable):
        version.delete()
    with pytest.raises(PublishedVersion.Immutable):
        PublishedVersion.objects.all().delete()
    assert PublishedVersion.objects.get(pk=version.pk).html != "changed"


def test_publishing_with_header_fields_missing_lists_them_and_answers_400(clerk_client):
    paper = make_paper(presented_by="", summary="", contact_email="")
    response = clerk_client.post(reverse("paper_publish", args=[paper.pk]))
    body = response.content.decode()
    assert response.status_code == 400
    assert "By (at least one office holder) is missing" in body
    assert "Summary is missing" in body
    assert "Contact lead officer&#x27;s email address is missing" in body
    assert "Subject is missing" not in body
    assert not PublishedVersion.objects.exists()


def test_the_publish_page_shows_what_is_missing_before_trying(clerk_client):
    paper = make_paper(recommendations="")
    body = clerk_client.get(reverse("paper_publish", args=[paper.pk])).content.decode()
    assert "Recommendations is missing" in body
    assert "Publish version 1</button>" not in body


def test_readers_cannot_publish(viewer_client, director_client, clerk, paper_with_history):
    paper_with_history.publish(clerk)
    assert viewer_client.post(reverse("paper_publish", args=[paper_with_history.pk])).status_code == 403
    assert PublishedVersion.objects.count() == 1
    assert director_client.post(reverse("paper_publish", args=[paper_with_history.pk])).status_code == 302
    assert PublishedVersion.objects.count() == 2


def test_script_typed_anywhere_is_text_in_html_pdf_and_word(clerk):
    script = '<script>alert("x")</script>'
    paper = make_paper(
        subject=f"Subject {script}",
        committee=make_committee(name='Committee "Q" </style><b>'),
        summary=f"Summary {script}",
        presented_by=f"Officer {script}",
    )
    section = make_section(paper, heading=f"Heading {script}")
    make_block(section, text=f"Paragraph {script}\n- item <img src=x onerror=alert(1)>")
    version = paper.publish(clerk)

    assert "<script>" not in version.html and "<img" not in version.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in version.html
    text = pdf_text(bytes(version.pdf))
    for expected in [f"Subject {script}", f"Summary {script}", f"Heading {script}", f"Paragraph {script}",
                     "item <img src=x onerror=alert(1)>", 'Committee "Q" </style><b>']:  # fmt: skip
        assert expected in text
    words = docx_text(bytes(version.docx))
    for expected in [f"Subject {script}", f"Summary {script}", f"Heading {script}", f"Paragraph {script}",
                     "item <img src=x onerror=alert(1)>", f"Officer {script}"]:  # fmt: skip
        assert expected in words


# --- Reading published versions ------------------------------------------------------


@pytest.fixture
def published(clerk, paper_with_history):
    return paper_with_history.publish(clerk)


def test_everyone_signed_in_reads_published_versions(viewer_client, pm_client, published):
    paper = published.paper
    for client in (viewer_client, pm_client):
        body = client.get(reverse("version_list", args=[paper.pk])).content.decode()
        assert "Version 1" in body and published.sha256 in body and "Test Person" in body
        detail = client.get(published.get_absolute_url()).content.decode()
        assert "Fostering Services – published report 31 July 2012" in detail


def test_the_pdf_and_word_downloads_are_the_stored_bytes(viewer_client, published):
    response = viewer_client.get(reverse("version_pdf", args=[published.paper_id, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == bytes(published.pdf)
    response = viewer_client.get(reverse("version_docx", args=[published.paper_id, 1]))
    assert response.content == bytes(published.docx)


@pytest.mark.parametrize("name", ["version_list", "version_detail", "version_pdf", "version_docx"])
def test_version_pages_ladder(client, viewer_client, clerk_client, published, name):
    paper = published.paper
    args = [paper.pk] if name == "version_list" else [paper.pk, 1]
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    assert viewer_client.post(url).status_code == 405
    assert viewer_client.get(url).status_code == 200
    assert clerk_client.get(url).status_code == 200
    missing = reverse(name, args=[paper.pk] if name == "version_list" else [paper.pk, 2])
    assert viewer_client.get(missing).status_code == (200 if name == "version_list" else 404)


def test_versions_of_an_unpublished_paper_are_not_found_for_readers(viewer_client):
    paper = make_paper()
    assert viewer_client.get(reverse("version_list", args=[paper.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 4])
def test_version_list_query_count_does_not_grow(
    viewer_client, clerk, paper_with_history, count, django_assert_num_queries
):
    for _ in range(count):
        PublishedVersion.objects.create(
            paper=paper_with_history, number=paper_with_history.versions.count() + 1, title="t", html="",
            pdf=b"", docx=b"", sha256="0" * 64, published_by=clerk, published_at=paper_with_history.updated_at,
        )  # fmt: skip
    # session, user, permissions (2), paper, exists, versions with publishers, and the session save (3)
    with django_assert_num_queries(10):
        assert viewer_client.get(reverse("version_list", args=[paper_with_history.pk])).status_code == 200


def test_the_word_file_has_the_papers_structure(clerk, paper_with_history):
    words = docx_text(bytes(paper_with_history.publish(clerk).docx))
    assert words.index("By:") < words.index("Subject:") < words.index("Summary") < words.index("1. Introduction")
    assert "1.1 Since 2012 there have been these inspections:" in words
    assert "Fostering Services – published report 31 July 2012" in words
    assert words.index("1. Introduction") < words.index("2. Recommendations") < words.index("2.1 Members are asked")
    document = docx.Document(io.BytesIO(bytes(paper_with_history.versions.get().docx)))
    assert document.core_properties.title.startswith("Inspections update – ")
    assert document.core_properties.language == "en-GB"


def test_render_paper_numbers_recommendations_after_the_last_section(paper_with_history):
    rendered = render_paper(paper_with_history)
    assert [(s.number, s.heading) for s in rendered.sections] == [("1", "Introduction"), ("2", "Recommendations")]
    assert rendered.sections[1].items[0].number == "2.1"


def test_previous_version_is_the_committees_last_paper_before_this_one(clerk):
    committee = make_committee()
    earlier = make_paper(committee=committee, meeting_date=date(2014, 9, 10))
    earlier.publish(clerk)
    latest_of_earlier = earlier.publish(clerk)
    make_paper(meeting_date=date(2014, 11, 1)).publish(clerk)  # another committee's paper
    current = make_paper(committee=committee, meeting_date=date(2014, 12, 3))
    assert current.previous_version() == latest_of_earlier
    assert earlier.previous_version() is None


def test_the_editor_shows_the_papers_history(clerk_client, paper_with_history):
    paper_with_history.subject = "Renamed"
    paper_with_history.save()
    body = clerk_client.get(reverse("paper_detail", args=[paper_with_history.pk])).content.decode()
    assert "History of changes" in body
    assert "Inspections update" in body and "Renamed" in body


def test_a_block_pointing_at_a_deleted_inspection_stops_publishing(clerk_client):
    paper = make_paper()
    section = make_section(paper, heading="Introduction")
    review = make_inspection(title="Deleted review")
    make_block(section, kind="findings", options={"inspection": review.pk, "kind": "key_observation"})
    review.delete()
    preview = clerk_client.get(reverse("paper_preview", args=[paper.pk]))
    assert preview.status_code == 200
    assert "This block points at something that no longer exists" in preview.content.decode()
    response = clerk_client.post(reverse("paper_publish", args=[paper.pk]))
    assert response.status_code == 400
    assert (
        "Section 1 (Introduction), block 1: it points at the inspection or review whose findings it lists, "
        "which no longer exists" in response.content.decode()
    )
    assert not PublishedVersion.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_published_versions_survive_a_backup_and_restore_byte_for_byte(settings, tmp_path):
    from django.core.management import call_command

    from tests.factories import make_user

    settings.MEDIA_ROOT = tmp_path / "media"
    paper = make_paper(subject="Backed up")
    make_block(make_section(paper), text="Words.")
    version = paper.publish(make_user())
    pdf, docx_bytes, checksum = bytes(version.pdf), bytes(version.docx), version.sha256
    archive = tmp_path / "backup.tar.gz"
    call_command("export_archive", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not PublishedVersion.objects.exists()

    call_command("restore_archive", str(archive), stdout=io.StringIO())
    restored = PublishedVersion.objects.get(paper__subject="Backed up")
    assert (bytes(restored.pdf), bytes(restored.docx), restored.sha256) == (pdf, docx_bytes, checksum)
    assert restored.checksum_matches


def test_publishing_is_recorded_in_the_audit_log(clerk_client, paper_with_history):
    from audit.models import AuditEvent

    clerk_client.post(reverse("paper_publish", args=[paper_with_history.pk]))
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PUBLICATION)
    version = PublishedVersion.objects.get()
    assert event.user.username == "clerk"
    assert event.summary.startswith("Published version 1 of “Inspections update”")
    assert version.sha256 in event.summary
