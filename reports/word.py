"""An editable Word (.docx) file of a paper, for clerks whose process needs Word.

Written from the same outline as the HTML and the PDF. Typed text comes from the
formatting tree, so it is only ever text; data blocks come from their HTML
partials, read back with lxml (which turns escaped markup back into plain text).
"""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from lxml import html as lxml_html

from reports.formatting import Node, Run
from reports.rendering import RenderedPaper

FONT = "Arial"
INLINE_TAGS = {"strong", "b", "em", "i", "a", "span", "br", "time", "abbr"}


def _add_runs(paragraph, runs: list[Run]) -> None:
    for run in runs:
        text = run.text if not run.href or run.href == run.text else f"{run.text} ({run.href})"
        added = paragraph.add_run(text)
        added.bold = run.bold or None
        added.italic = run.italic or None
        if run.href:
            added.underline = True


def _add_nodes(document, nodes: list[Node], number: str = "") -> None:
    for index, node in enumerate(nodes):
        if node.kind == "p":
            paragraph = document.add_paragraph()
            if number and index == 0:
                _number(paragraph, number)
            _add_runs(paragraph, node.items[0])
        else:
            if number and index == 0:
                _number(document.add_paragraph(), number)
            for position, item in enumerate(node.items, node.start):
                paragraph = _list_paragraph(document, node.kind == "ol", position)
                _add_runs(paragraph, item)


def _number(paragraph, number: str) -> None:
    paragraph.paragraph_format.left_indent = Cm(1.2)
    paragraph.paragraph_format.first_line_indent = Cm(-1.2)
    paragraph.add_run(f"{number}\t")


def _list_paragraph(document, numbered: bool, position: int):
    # Numbers are written as text: Word's list numbering would run on across separate lists.
    if numbered:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(1.8)
        paragraph.paragraph_format.first_line_indent = Cm(-0.6)
        paragraph.add_run(f"{position}.\t")
        return paragraph
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.paragraph_format.left_indent = Cm(1.8)
    return paragraph


def _inline_runs(element) -> list[Run]:
    """The text of an HTML element as runs, keeping bold, italic and links."""
    runs: list[Run] = []

    def walk(node, bold=False, italic=False, href=""):
        tag = node.tag if isinstance(node.tag, str) else ""
        bold = bold or tag in {"strong", "b"}
        italic = italic or tag in {"em", "i"}
        href = node.get("href", "") if tag == "a" else href
        if tag == "img":
            runs.append(Run(f"[{node.get('alt', 'Image')}]", italic=True))
        if tag == "br":
            runs.append(Run(" "))
        if node.text:
            runs.append(Run(node.text, bold, italic, href))
        for child in node:
            walk(child, bold, italic, href)
            if child.tail:
                runs.append(Run(child.tail, bold, italic, href))

    walk(element)
    # Collapse the template's whitespace as a browser would.
    collapsed = []
    for run in runs:
        text = " ".join(run.text.split())
        if run.text[:1].isspace():
            text = " " + text
        if run.text[-1:].isspace() and text.strip():
            text += " "
        if text:
            collapsed.append(Run(text, run.bold, run.italic, run.href))
    if collapsed:
        first, last = collapsed[0], collapsed[-1]
        collapsed[0] = Run(first.text.lstrip(), first.bold, first.italic, first.href)
        collapsed[-1] = Run(collapsed[-1].text.rstrip(), last.bold, last.italic, last.href)
    return [run for run in collapsed if run.text]


def _add_html(document, html: str) -> None:
    """Adds a data block's HTML: paragraphs, lists, tables and images (as their alt text)."""
    fragments = lxml_html.fragments_fromstring(html) if html.strip() else []
    for fragment in fragments:
        if isinstance(fragment, str):
            if fragment.strip():
                document.add_paragraph(fragment.strip())
            continue
        _add_element(document, fragment)


def _add_element(document, element) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in {"ul", "ol"}:
        for position, item in enumerate(element.iterfind("li"), int(element.get("start", 1))):
            _add_runs(_list_paragraph(document, tag == "ol", position), _inline_runs(item))
    elif tag == "table":
        _add_table(document, element)
    elif tag in {"p", "h2", "h3", "h4", "figcaption", "caption", "img"} or tag in INLINE_TAGS:
        paragraph = document.add_paragraph()
        runs = _inline_runs(element)
        if tag.startswith("h"):
            runs = [Run(run.text, True, run.italic, run.href) for run in runs]
        _add_runs(paragraph, runs)
    else:
        for child in element:
            _add_element(document, child)


def _add_table(document, element) -> None:
    rows = element.findall(".//tr")
    if not rows:
        return
    width = max(len(row.findall("th")) + len(row.findall("td")) for row in rows)
    caption = element.find("caption")
    if caption is not None:
        _add_runs(document.add_paragraph(), [Run(r.text, True) for r in _inline_runs(caption)])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for index, cell in enumerate([c for c in row if c.tag in {"th", "td"}][:width]):
            runs = _inline_runs(cell)
            if cell.tag == "th":
                runs = [Run(run.text, True, run.italic, run.href) for run in runs]
            _add_runs(cells[index].paragraphs[0], runs)
    if element.find("thead") is not None:
        # Repeat the header row on every page, as the PDF does.
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header)


def _labelled(document, label: str, lines: list[str]) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(4.6)
    paragraph.paragraph_format.first_line_indent = Cm(-4.6)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(4.6))
    paragraph.add_run(label).bold = True
    paragraph.add_run("\t")
    for index, line in enumerate(lines):
        if index:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        paragraph.add_run(line)


def _contact(document, heading: str, name: str, role: str, email: str, telephone: str) -> None:
    if not name:
        return
    document.add_heading(heading, level=2)
    document.add_paragraph(f"{name} – {role}" if role else name)
    details = [f"Email: {email}" if email else "", f"Telephone: {telephone}" if telephone else ""]
    if any(details):
        document.add_paragraph("    ".join(d for d in details if d))


def build_docx(rendered: RenderedPaper) -> bytes:
    paper = rendered.paper
    document = Document()
    properties = document.core_properties
    properties.title = rendered.title
    properties.subject = paper.subject
    properties.language = "en-GB"
    properties.author = paper.author_name or ""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for style in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        document.styles[style].font.name = FONT
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2)
    section.header.paragraphs[0].text = f"{paper.committee} – {paper.meeting_date:%-d %B %Y}"

    _labelled(document, "By:", paper.office_holders or ["Not given yet"])
    _labelled(document, "To:", [f"{paper.committee} – {paper.meeting_date:%-d %B %Y}"])
    subject = document.add_paragraph()
    subject.paragraph_format.left_indent = Cm(4.6)
    subject.paragraph_format.first_line_indent = Cm(-4.6)
    subject.paragraph_format.tab_stops.add_tab_stop(Cm(4.6))
    subject.add_run("Subject:").bold = True
    subject.add_run("\t")
    subject.add_run(paper.subject).bold = True
    _labelled(document, "Classification:", [paper.classification_display])
    _labelled(document, "Previous Pathway:", [paper.previous_pathway or "None"])
    _labelled(document, "Electoral Division:", [paper.electoral_division or "None"])

    document.add_heading("Summary", level=1)
    _add_html(document, rendered.summary)
    _add_html(document, rendered.recommendations)

    for outline_section in rendered.sections:
        level = 1 if outline_section.level == 1 else 2
        document.add_heading(f"{outline_section.number}. {outline_section.heading}", level=level)
        for item in outline_section.items:
            if item.is_text:
                _add_nodes(document, item.nodes, item.number)
            else:
                _add_html(document, item.html)

    _contact(
        document, "Contact lead officer", paper.contact_name, paper.contact_role, paper.contact_email,
        paper.contact_telephone,
    )  # fmt: skip
    _contact(
        document, "Author details", paper.author_name, paper.author_role, paper.author_email, paper.author_telephone
    )
    if paper.background_document_list:
        document.add_heading("Background Documents", level=1)
        for name in paper.background_document_list:
            document.add_paragraph(name, style="List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
