"""Turns a paper into its numbered outline, its HTML body and its PDF.

The outline is computed once; the preview, the PDF and the Word file are all
written from it, so their numbering and data blocks always agree.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from reports import blocks
from reports.formatting import Node, format_text, parse
from reports.models import Paper, Section

PDF_VARIANT = "pdf/ua-1"


@dataclass
class Item:
    """A paragraph of text (``nodes`` set) or a data block's HTML, with its number if it has one."""

    block_id: int | None
    kind: str
    number: str
    html: SafeString
    nodes: list[Node] = field(default_factory=list)
    missing: str = ""

    @property
    def is_text(self) -> bool:
        return self.kind == "text"

    @property
    def label(self) -> str:
        return blocks.label_for(self.kind)


@dataclass
class OutlineSection:
    section: Section | None
    number: str
    heading: str
    level: int
    numbered: bool
    items: list[Item]

    @property
    def anchor(self) -> str:
        return f"section-{self.number.replace('.', '-')}"


@dataclass
class RenderedPaper:
    paper: Paper
    sections: list[OutlineSection]
    summary: SafeString
    recommendations: SafeString

    @property
    def broken_blocks(self) -> list[str]:
        """Data blocks that point at something no longer there, described for the clerk."""
        return [
            f"Section {section.number} ({section.heading}), block {index}: it points at {item.missing}, "
            "which no longer exists"
            for section in self.sections
            for index, item in enumerate(section.items, 1)
            if item.missing
        ]

    @property
    def title(self) -> str:
        return f"{self.paper.subject} – {self.paper.committee}, {self.paper.meeting_date:%-d %B %Y}"


def _text_item(block_id, text: str, number: str) -> Item:
    nodes = parse(text)
    return Item(block_id=block_id, kind="text", number=number, html=format_text(text), nodes=nodes)


def _paragraphs(text: str) -> list[str]:
    return [chunk.strip() for chunk in text.replace("\r\n", "\n").split("\n\n") if chunk.strip()]


def render_paper(paper: Paper) -> RenderedPaper:
    """Numbers the sections and paragraphs and renders every data block as it stands now.

    Two queries for the structure, then whatever each data block needs.
    """
    outline: list[OutlineSection] = []
    top = child = 0
    for section in paper.sections.prefetch_related("blocks"):
        if section.level == Section.Level.SECTION or top == 0:
            top, child = top + 1, 0
            number = str(top)
        else:
            child += 1
            number = f"{top}.{child}"
        paragraph = 0
        items = []
        for block in section.blocks.all():
            if block.is_text:
                label = ""
                if section.numbered:
                    if section.level == Section.Level.SECTION:
                        child += 1
                        label = f"{top}.{child}"
                    else:
                        paragraph += 1
                        label = f"{number}.{paragraph}"
                items.append(_text_item(block.pk, block.text, label))
            else:
                result = blocks.render(block.kind, block.options, paper)
                items.append(
                    Item(block_id=block.pk, kind=block.kind, number="", html=result.html, missing=result.missing)
                )
        outline.append(OutlineSection(section, number, section.heading, section.level, section.numbered, items))
    recommendations = _paragraphs(paper.recommendations)
    if recommendations:
        top += 1
        items = [_text_item(None, text, f"{top}.{index}") for index, text in enumerate(recommendations, 1)]
        outline.append(OutlineSection(None, str(top), "Recommendations", Section.Level.SECTION, True, items))
    return RenderedPaper(
        paper=paper,
        sections=outline,
        summary=format_text(paper.summary),
        recommendations=format_text(paper.recommendations),
    )


def body_html(rendered: RenderedPaper, for_print: bool = False) -> SafeString:
    """The paper's body: header block, summary, sections, contacts and background documents.

    For print the subject is the document's first-level heading; on a web page the page has its own.
    """
    context = {"rendered": rendered, "paper": rendered.paper, "for_print": for_print}
    return SafeString(render_to_string("reports/_paper_body.html", context))


def print_document(paper: Paper, body: str, title: str) -> str:
    """A standalone HTML document of the paper, styled for A4, from its body HTML."""
    context = {"paper": paper, "body": SafeString(body), "title": title, "COUNCIL_NAME": settings.COUNCIL_NAME}
    return render_to_string("reports/paper_print.html", context)


def pdf_from_document(document: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=document, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(paper: Paper, rendered: RenderedPaper | None = None) -> bytes:
    rendered = rendered or render_paper(paper)
    return pdf_from_document(print_document(paper, body_html(rendered, for_print=True), rendered.title))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
