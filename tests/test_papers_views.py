"""Composing papers in the browser: the permission ladder and what each page does."""

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Block, Committee, Paper, Section
from tests.factories import (
    make_block,
    make_committee,
    make_finding,
    make_inspection,
    make_paper,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper(db):
    return make_paper(subject="Action Plans arising from Ofsted inspection")


@pytest.fixture
def section(paper):
    return make_section(paper, heading="Introduction")


@pytest.fixture
def block(section):
    return make_block(section, text="First paragraph.")


def publish(paper, user=None):
    return paper.publish(user or make_user(username=f"publisher{paper.pk}"))


def urls(paper, section, block):
    """Every view of a paper: (name, url, method, data for a valid POST)."""
    return [
        ("paper_detail", reverse("paper_detail", args=[paper.pk]), "get", None),
        ("paper_edit", reverse("paper_edit", args=[paper.pk]), "get", None),
        ("paper_preview", reverse("paper_preview", args=[paper.pk]), "get", None),
        ("paper_publish", reverse("paper_publish", args=[paper.pk]), "get", None),
        ("section_create", reverse("section_create", args=[paper.pk]), "get", None),
        ("section_edit", reverse("section_edit", args=[paper.pk, section.pk]), "get", None),
        ("section_move", reverse("section_move", args=[paper.pk, section.pk]), "post", {"direction": "up"}),
        ("section_delete", reverse("section_delete", args=[paper.pk, section.pk]), "post", {}),
        ("block_choose", reverse("block_choose", args=[paper.pk, section.pk]), "get", None),
        ("block_create", reverse("block_create", args=[paper.pk, section.pk, "text"]), "get", None),
        ("block_edit", reverse("block_edit", args=[paper.pk, block.pk]), "get", None),
        ("block_move", reverse("block_move", args=[paper.pk, block.pk]), "post", {"direction": "up"}),
        ("block_delete", reverse("block_delete", args=[paper.pk, block.pk]), "post", {}),
    ]


WRITE_VIEWS = [
    "paper_detail", "paper_edit", "paper_preview", "paper_publish", "section_create", "section_edit", "section_move",
    "section_delete", "block_choose", "block_create", "block_edit", "block_move", "block_delete",
]  # fmt: skip


@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_anonymous_visitors_are_sent_to_sign_in(client, paper, section, block, name):
    url, method, data = next((u, m, d) for n, u, m, d in urls(paper, section, block) if n == name)
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_readers_cannot_see_an_unpublished_paper(viewer_client, paper, section, block, name):
    url, method, data = next((u, m, d) for n, u, m, d in urls(paper, section, block) if n == name)
    assert getattr(viewer_client, method)(url, data or {}).status_code == 404


@pytest.mark.parametrize("name", WRITE_VIEWS)
@pytest.mark.parametrize("reader", ["viewer_client", "pm_client"])
def test_readers_get_403_on_writes_to_a_published_paper(request, paper, section, block, name, reader):
    publish(paper)
    client = request.getfixturevalue(reader)
    url, method, data = next((u, m, d) for n, u, m, d in urls(paper, section, block) if n == name)
    assert getattr(client, method)(url, data or {}).status_code == 403
    assert Section.objects.filter(pk=section.pk).exists()
    assert Block.objects.filter(pk=block.pk).exists()


@pytest.mark.parametrize("name", ["section_move", "section_delete", "block_move", "block_delete"])
def test_post_only_views_refuse_get(clerk_client, paper, section, block, name):
    url = next(u for n, u, m, d in urls(paper, section, block) if n == name)
    assert clerk_client.get(url).status_code == 405


@pytest.mark.parametrize("name", ["paper_detail", "paper_preview", "version_list"])
def test_read_views_refuse_post(clerk_client, paper, name):
    assert clerk_client.post(reverse(name, args=[paper.pk])).status_code == 405


@pytest.mark.parametrize("client_fixture", ["clerk_client", "director_client"])
@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_clerks_and_directors_can_use_every_composing_page(request, paper, section, block, name, client_fixture):
    client = request.getfixturevalue(client_fixture)
    url, method, data = next((u, m, d) for n, u, m, d in urls(paper, section, block) if n == name)
    response = getattr(client, method)(url, data or {})
    assert response.status_code in {200, 302}


def test_a_section_of_another_paper_is_not_found(clerk_client, paper, section):
    other = make_paper()
    assert clerk_client.get(reverse("section_edit", args=[other.pk, section.pk])).status_code == 404


# --- The paper list ------------------------------------------------------------------


def test_paper_list_shows_readers_only_published_papers(viewer_client):
    draft = make_paper(subject="Draft paper")
    published = make_paper(subject="Published paper")
    publish(published)
    response = viewer_client.get(reverse("paper_list"))
    assert response.status_code == 200
    assert "Published paper" in response.content.decode()
    assert "Draft paper" not in response.content.decode()
    assert "Start a new paper" not in response.content.decode()
    assert draft.pk


def test_paper_list_shows_composers_every_paper_and_filters_by_committee(clerk_client):
    education = make_committee(name="Education Cabinet Committee")
    make_paper(subject="Schools paper", committee=education)
    make_paper(subject="Children's paper")
    response = clerk_client.get(reverse("paper_list"))
    assert "Schools paper" in response.content.decode() and "Children&#x27;s paper" in response.content.decode()
    response = clerk_client.get(reverse("paper_list"), {"committee": education.pk})
    assert "Schools paper" in response.content.decode()
    assert "Children&#x27;s paper" not in response.content.decode()


def test_paper_list_sorts_by_subject(clerk_client):
    make_paper(subject="Zebra")
    make_paper(subject="Aardvark")
    body = clerk_client.get(reverse("paper_list"), {"sort": "subject"}).content.decode()
    assert body.index("Aardvark") < body.index("Zebra")
    body = clerk_client.get(reverse("paper_list"), {"sort": "-subject"}).content.decode()
    assert body.index("Zebra") < body.index("Aardvark")


@pytest.mark.parametrize("count", [2, 12])
def test_paper_list_query_count_does_not_grow(clerk_client, django_assert_num_queries, count):
    for _ in range(count):
        publish(make_paper())
    # session, user, permissions (2), count, committees for the filter, the page of papers,
    # and the session saved on every request (savepoint, update, release)
    with django_assert_num_queries(10):
        assert clerk_client.get(reverse("paper_list")).status_code == 200


# --- Creating and editing --------------------------------------------------------------


def paper_data(committee_obj, **changes):
    data = {
        "committee": committee_obj.pk,
        "meeting_date": "2014-12-03",
        "subject": "Action Plans arising from Ofsted inspection",
        "presented_by": "Peter Oakford, Cabinet Member",
        "classification": "unrestricted",
        "exempt_paragraph": "",
        "previous_pathway": "Children's Services Improvement Programme",
        "electoral_division": "All",
        "summary": "An update.",
        "recommendations": "Members are asked to **NOTE** the progress.",
        "contact_name": "Patricia Denney",
        "contact_email": "patricia@example.org",
        "author_name": "Emily Perkins",
        "author_email": "emily@example.org",
    }
    data.update(changes)
    return data


def test_a_clerk_creates_a_paper(clerk_client):
    committee = make_committee()
    response = clerk_client.post(reverse("paper_create"), paper_data(committee))
    paper = Paper.objects.get()
    assert response.status_code == 302
    assert response["Location"] == paper.get_absolute_url()
    assert paper.history.first().history_user.username == "clerk"


def test_readers_cannot_create_papers(viewer_client, pm_client):
    committee = make_committee()
    assert viewer_client.get(reverse("paper_create")).status_code == 403
    assert pm_client.post(reverse("paper_create"), paper_data(committee)).status_code == 403
    assert not Paper.objects.exists()


def test_a_paper_with_errors_is_not_saved_and_answers_400(clerk_client):
    committee = make_committee()
    response = clerk_client.post(reverse("paper_create"), paper_data(committee, meeting_date="soon", subject=""))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Paper.objects.exists()


def test_an_exempt_paper_must_name_its_paragraph(clerk_client):
    committee = make_committee()
    response = clerk_client.post(reverse("paper_create"), paper_data(committee, classification="exempt"))
    assert response.status_code == 400
    assert "Enter the exemption paragraph" in response.content.decode()


def test_editing_the_header_keeps_history(clerk_client, paper):
    response = clerk_client.post(
        reverse("paper_edit", args=[paper.pk]), paper_data(paper.committee, subject="A new subject")
    )
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.subject == "A new subject"
    assert paper.history.count() == 2


# --- Sections and blocks -----------------------------------------------------------------


def test_adding_sections_numbers_them_in_order(clerk_client, paper):
    for heading, level in [("Introduction", 1), ("Key Developments", 1), ("The Assurance Review", 2)]:
        response = clerk_client.post(
            reverse("section_create", args=[paper.pk]), {"heading": heading, "level": level, "numbered": "on"}
        )
        assert response.status_code == 302
    body = clerk_client.get(reverse("paper_preview", args=[paper.pk])).content.decode()
    assert "1. Introduction" in body
    assert "2. Key Developments" in body
    assert "2.1. The Assurance Review" in body


def test_a_section_without_a_heading_answers_400(clerk_client, paper):
    response = clerk_client.post(reverse("section_create", args=[paper.pk]), {"heading": "", "level": 1})
    assert response.status_code == 400
    assert not paper.sections.exists()


def test_paragraphs_are_numbered_within_their_section(clerk_client, paper, section):
    for text in ["First.", "Second.", "Third."]:
        response = clerk_client.post(reverse("block_create", args=[paper.pk, section.pk, "text"]), {"text": text})
        assert response.status_code == 302
    body = clerk_client.get(reverse("paper_preview", args=[paper.pk])).content.decode()
    assert body.index("1.1</span>") < body.index("First.") < body.index("1.2</span>") < body.index("Second.")
    assert body.index("1.3</span>") < body.index("Third.")


def test_an_empty_paragraph_answers_400(clerk_client, paper, section):
    response = clerk_client.post(reverse("block_create", args=[paper.pk, section.pk, "text"]), {"text": "  "})
    assert response.status_code == 400
    assert not section.blocks.exists()


def test_adding_a_data_block_stores_its_options(clerk_client, paper, section):
    review = make_inspection(title="CSE thematic")
    make_finding(review, kind="key_observation", text="Interventions brought about improvements.")
    response = clerk_client.post(
        reverse("block_create", args=[paper.pk, section.pk, "findings"]),
        {"inspection": review.pk, "kind": "key_observation", "style": "bullets"},
    )
    assert response.status_code == 302
    block = section.blocks.get()
    assert block.kind == "findings"
    assert block.options == {"inspection": review.pk, "kind": "key_observation", "style": "bullets"}
    body = clerk_client.get(reverse("paper_preview", args=[paper.pk])).content.decode()
    assert "Interventions brought about improvements." in body


def test_a_data_block_with_bad_options_answers_400(clerk_client, paper, section):
    response = clerk_client.post(
        reverse("block_create", args=[paper.pk, section.pk, "findings"]), {"inspection": "999", "kind": "nonsense"}
    )
    assert response.status_code == 400
    assert not section.blocks.exists()


def test_an_unknown_block_kind_is_not_found(clerk_client, paper, section):
    assert clerk_client.get(reverse("block_create", args=[paper.pk, section.pk, "no_such_kind"])).status_code == 404


def test_editing_a_data_block_shows_its_current_options(clerk_client, paper, section):
    review = make_inspection(title="Assurance review")
    block = make_block(section, kind="findings", options={"inspection": review.pk, "kind": "strength"})
    body = clerk_client.get(reverse("block_edit", args=[paper.pk, block.pk])).content.decode()
    assert f'<option value="{review.pk}" selected>' in body


def test_moving_blocks_up_and_down(clerk_client, paper, section):
    first, second = make_block(section, text="A"), make_block(section, text="B")
    response = clerk_client.post(reverse("block_move", args=[paper.pk, second.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert list(section.blocks.values_list("text", flat=True)) == ["B", "A"]
    clerk_client.post(reverse("block_move", args=[paper.pk, second.pk]), {"direction": "down"})
    assert list(section.blocks.values_list("text", flat=True)) == ["A", "B"]
    # Moving the top block up changes nothing.
    clerk_client.post(reverse("block_move", args=[paper.pk, first.pk]), {"direction": "up"})
    assert list(section.blocks.values_list("text", flat=True)) == ["A", "B"]


def test_a_bad_direction_answers_400(clerk_client, paper, section, block):
    response = clerk_client.post(reverse("block_move", args=[paper.pk, block.pk]), {"direction": "sideways"})
    assert response.status_code == 400


def test_moving_sections(clerk_client, paper):
    make_section(paper, heading="One")
    two = make_section(paper, heading="Two")
    clerk_client.post(reverse("section_move", args=[paper.pk, two.pk]), {"direction": "up"})
    assert list(paper.sections.values_list("heading", flat=True)) == ["Two", "One"]


def test_removing_a_section_removes_its_blocks_and_keeps_history(clerk_client, paper, section, block):
    response = clerk_client.post(reverse("section_delete", args=[paper.pk, section.pk]))
    assert response.status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()
    assert not Block.objects.filter(pk=block.pk).exists()
    assert Block.history.filter(id=block.pk, history_type="-").exists()


def test_removing_a_block(clerk_client, paper, section, block):
    assert clerk_client.post(reverse("block_delete", args=[paper.pk, block.pk])).status_code == 302
    assert not section.blocks.exists()


def test_preview_shows_the_header_block_and_escapes_script(clerk_client, paper, section):
    make_block(section, text='<script>alert("x")</script> **bold**')
    body = clerk_client.get(reverse("paper_preview", args=[paper.pk])).content.decode()
    for label in ["By:", "To:", "Subject:", "Classification:", "Previous Pathway:", "Electoral Division:"]:
        assert label in body
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "<strong>bold</strong>" in body


@pytest.mark.parametrize("size", [1, 8])
def test_preview_query_count_does_not_grow_with_text(clerk_client, paper, django_assert_num_queries, size):
    for _ in range(size):
        section = make_section(paper)
        for _ in range(size):
            make_block(section, text="Words.")
    # session, user, permissions (2), paper, sections, blocks, and the session save (3)
    with django_assert_num_queries(10):
        assert clerk_client.get(reverse("paper_preview", args=[paper.pk])).status_code == 200


def test_the_draft_pdf_is_a_pdf(clerk_client, paper):
    response = clerk_client.get(reverse("paper_preview_pdf", args=[paper.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_outsider_client_is_not_a_composer(paper):
    # A signed-in person with no role at all reads like a viewer.
    client = Client()
    client.force_login(make_user())
    assert client.get(reverse("paper_detail", args=[paper.pk])).status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_editor_query_count_does_not_grow_with_text(clerk_client, paper, django_assert_num_queries, size):
    for _ in range(size):
        section = make_section(paper)
        for _ in range(size):
            make_block(section, text="Words.")
    # session, user, permissions (2), paper, sections, blocks, latest version, history (2), session save (3)
    with django_assert_num_queries(13):
        assert clerk_client.get(reverse("paper_detail", args=[paper.pk])).status_code == 200


def test_a_clerk_can_add_a_committee_while_creating_a_paper(clerk_client):
    data = paper_data(make_committee(name="Existing"), committee="", new_committee="  Education  Cabinet Committee ")
    response = clerk_client.post(reverse("paper_create"), data)
    assert response.status_code == 302
    assert Paper.objects.get().committee.name == "Education Cabinet Committee"


def test_typing_an_existing_committee_reuses_it(clerk_client):
    existing = make_committee(name="Education Cabinet Committee")
    data = paper_data(existing, committee="", new_committee="education cabinet committee")
    assert clerk_client.post(reverse("paper_create"), data).status_code == 302
    assert Paper.objects.get().committee == existing


def test_a_paper_needs_exactly_one_committee(clerk_client):
    committee = make_committee()
    response = clerk_client.post(reverse("paper_create"), paper_data(committee, committee=""))
    assert response.status_code == 400
    assert "Choose the committee the paper goes to" in response.content.decode()
    response = clerk_client.post(reverse("paper_create"), paper_data(committee, new_committee="Another"))
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    assert not Paper.objects.exists()
    assert not Committee.objects.filter(name="Another").exists()
