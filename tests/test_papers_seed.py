"""The December 2014 paper, reproduced from the demo data, as a PDF and as demo data."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from reports import demo
from reports.models import Block, Paper, Section
from reports.rendering import render_paper, render_pdf
from tests.factories import (
    make_block,
    make_finding,
    make_inspection,
    make_paper,
    make_section,
    make_seed_inspections,
    make_user,
)

pytestmark = pytest.mark.django_db

# The seed paper's headings and key facts, in the order they appear in it.
SEED_IN_ORDER = [
    "By:",
    "Peter Oakford, Cabinet Member for Specialist Children's Services",
    "Andrew Ireland, Corporate Director of Social Care, Health and Wellbeing",
    "To:",
    "Children's Social Care and Health Cabinet Committee – 3 December 2014",
    "Subject:",
    "Action Plans arising from Ofsted inspection",
    "Classification:",
    "Unrestricted",
    "Previous Pathway:",
    "Children's Services Improvement Programme",
    "Electoral Division:",
    "All",
    "Summary",
    "Members are asked to NOTE the progress that has been made since the last report.",
    "1. Introduction",
    "1.1 This is the eighth regular report to Cabinet Committee",
    "1.5 Since 2012, KCC Specialist Children's Services have undergone five further Ofsted inspections:",
    "Fostering Services – published report 31 July 2012 (adequate)",
    "Children in need of help and protection (Safeguarding) – published report 15 January 2013 (adequate)",
    "Adoption support services – published report 18 June 2013 (adequate)",
    "Children in Care / Care Leavers – published report 23 August 2013 (adequate)",
    "Thematic Inspection of Child Sexual Exploitation (CSE) – joint national report expected to be published "
    "November 2014",
    "1.6 Action plans were put in place",
    "1.9 This report replaces the former CSIP update",
    "2. Key Developments",
    "2.1. The Improvement Notice Assurance Review",
    "The key enablers subject to review were:",
    "1. Recruitment and retention of qualified social workers",
    "Areas for further development were identified as:",
    "Ensuring supervision continues to develop as a reflective activity",
    "2.2. Annex A Peer Review",
    "The Joint Strategic Needs Assessment is currently being refreshed",
    "3. Ofsted Thematic Inspection of Child Sexual Exploitation (CSE)",
    "3.5 Feedback was issued by Her Majesty's Inspectors verbally to senior managers, Friday 17 October. Key "
    "observations were:",
    "In the 18 cases that were tracked, the interventions brought about improvements for the child.",
    "3.6 Issues identified which pertain to the Kent Safeguarding Children's Board",
    "4. Children's Services Improvement Plan April 2014-April 2016",
    "4.2 The plan is based around five key themes:",
    "4.6 The Children's Services Improvement Plan is closely aligned",
    "5. Legal Implications",
    "5.1 There are no legal implications.",
    "6. Financial Implications",
    "6.1 There are no financial implications.",
    "7. Conclusion",
    "7.2 Experience from the recent thematic inspection",
    "8. Recommendations",
    "8.1 Members are asked to NOTE the progress that has been made since the last report.",
    "Contact lead officer",
    "Patricia Denney – Assistant Director for Safeguarding and Quality Assurance, Specialist Children's Services",
    "Patricia.Denney@kent.gov.uk",
    "01622 694925",
    "Author details",
    "Emily Perkins – Project Manager, Specialist Children's Services",
    "Emily.Perkins@kent.gov.uk",
    "Background Documents",
    "Children's Services Improvement Plan April 2014-April 2016",
]


@pytest.fixture
def seed_paper(db):
    make_seed_inspections()
    demo.load()
    return Paper.objects.get(subject=demo.SUBJECT)


@pytest.fixture
def seed_pdf(seed_paper) -> bytes:
    return render_pdf(seed_paper)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_seed_papers_pdf_holds_its_headings_and_facts_in_order(seed_pdf):
    text = pdf_text(seed_pdf)
    position = 0
    for expected in SEED_IN_ORDER:
        found = text.find(expected, position)
        assert found >= 0, (
            f"{expected!r} is missing, or out of order, after: {text[max(0, position - 80) : position]!r}"
        )
        position = found + len(expected)


def test_the_seed_pdf_has_a_running_header_and_page_x_of_y(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    pages = len(reader.pages)
    assert pages >= 3
    for number, page in enumerate(reader.pages, 1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {pages}" in text
        assert "Children's Social Care and Health Cabinet Committee – 3 December 2014" in text


def test_the_seed_pdf_is_tagged_with_language_and_title(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == (
        "Action Plans arising from Ofsted inspection – Children's Social Care and Health Cabinet Committee, "
        "3 December 2014"
    )
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4


def test_the_seed_pdf_tags_headings_lists_and_paragraphs(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    kinds = set()

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None and depth < 60:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/P", "/L", "/LI"} <= kinds


def test_table_headers_repeat_across_page_breaks():
    from reports.rendering import pdf_from_document

    rows = "".join(f"<tr><td>Row {n}</td><td>{n}</td></tr>" for n in range(120))
    document = (
        '<html lang="en-GB"><head><title>t</title><style>thead { display: table-header-group }</style></head>'
        f"<body><table><thead><tr><th>Action</th><th>Number</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
    )
    reader = PdfReader(io.BytesIO(pdf_from_document(document)))
    assert len(reader.pages) >= 2
    assert all("Action Number" in " ".join(page.extract_text().split()) for page in reader.pages)


# --- The demo loader ---------------------------------------------------------------------


def test_the_demo_paper_has_every_section_of_the_seed_in_order(seed_paper):
    assert list(seed_paper.sections.values_list("heading", flat=True)) == [
        "Introduction",
        "Key Developments",
        "The Improvement Notice Assurance Review",
        "Annex A Peer Review",
        "Ofsted Thematic Inspection of Child Sexual Exploitation (CSE)",
        "Children's Services Improvement Plan April 2014-April 2016",
        "Legal Implications",
        "Financial Implications",
        "Conclusion",
    ]
    numbers = [(s.number, s.heading) for s in render_paper(seed_paper).sections]
    assert numbers[2] == ("2.1", "The Improvement Notice Assurance Review")
    assert numbers[-1] == ("8", "Recommendations")


def test_the_demo_lists_come_from_data_blocks_not_typed_text(seed_paper):
    data_blocks = Block.objects.filter(section__paper=seed_paper).exclude(kind=Block.TEXT)
    assert sorted(data_blocks.values_list("kind", flat=True)) == [
        "findings", "findings", "findings", "findings", "inspection_history", "plan_themes",
    ]  # fmt: skip
    typed = " ".join(Block.objects.filter(section__paper=seed_paper, kind=Block.TEXT).values_list("text", flat=True))
    assert "Fostering Services" not in typed
    assert "In the 18 cases that were tracked" not in typed


def test_loading_the_demo_twice_changes_nothing(seed_paper):
    counts = {model: model.history.count() for model in (Paper, Section, Block)}
    assert demo.load() == {"committees": 0, "papers": 0, "sections": 0, "blocks": 0}
    assert {model: model.history.count() for model in (Paper, Section, Block)} == counts


def test_without_the_inspections_the_demo_blocks_say_what_is_missing(db):
    demo.load()
    paper = Paper.objects.get(subject=demo.SUBJECT)
    body = " ".join(item.html for section in render_paper(paper).sections for item in section.items)
    assert body.count("This block points at something that no longer exists") == 4
    assert "No plan yet" in body


def test_running_the_loader_after_the_inspections_points_the_blocks_at_them(db):
    demo.load()
    made = make_seed_inspections()
    demo.load()
    cse_block = Block.objects.get(kind="findings", options__kind="key_observation")
    assert cse_block.options["inspection"] == made["cse"].pk


def test_the_seed_paper_can_be_published(seed_paper):
    version = seed_paper.publish(make_user(username="publisher"))
    assert "joint national report expected to be published November 2014" in version.html


def test_a_chart_becomes_a_tagged_figure_with_its_alt_text(db):
    review = make_inspection(title="Safeguarding inspection")
    make_finding(review)
    paper = make_paper()
    make_block(make_section(paper), kind="findings_summary", options={})
    reader = PdfReader(io.BytesIO(render_pdf(paper)))
    alts = []

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None and depth < 60:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert any(alt.startswith("Findings by kind, all inspections listed. Recommendation: 1;") for alt in alts), alts
