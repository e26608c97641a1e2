"""Light formatting for text that clerks type: paragraphs, lists, bold, italic and links.

The text is parsed into a small tree first, then written out as HTML (escaping
every piece of text) or into a Word document. Nothing a person types is ever
passed through as markup: ``<script>`` stays the nine characters it was.

    **bold**   *italic*   [words](https://example.org)
    - a bullet line
    1. a numbered line

A blank line starts a new paragraph.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
# Links only to the web or to e-mail addresses: no javascript: or data: URLs.
INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
    r"|\[(?P<label>[^\]]+)\]\((?P<href>(?:https?://|mailto:)[^\s()<>\"']+)\)"
)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Node:
    """A paragraph (``kind='p'``) or a list (``'ul'``, ``'ol'``) whose items are lists of runs."""

    kind: str
    items: list[list[Run]] = field(default_factory=list)
    start: int = 1


def parse_inline(text: str) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if match["bold"] is not None:
            runs.append(Run(match["bold"], bold=True))
        elif match["italic"] is not None:
            runs.append(Run(match["italic"], italic=True))
        else:
            runs.append(Run(match["label"], href=match["href"]))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs


def parse(text: str) -> list[Node]:
    nodes: list[Node] = []
    paragraph: list[str] = []

    def close_paragraph():
        if paragraph:
            nodes.append(Node("p", [parse_inline(" ".join(paragraph))]))
            paragraph.clear()

    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        bullet, numbered = BULLET.match(raw), NUMBERED.match(raw)
        if not line:
            close_paragraph()
        elif bullet:
            close_paragraph()
            if not nodes or nodes[-1].kind != "ul":
                nodes.append(Node("ul"))
            nodes[-1].items.append(parse_inline(bullet[1].strip()))
        elif numbered:
            close_paragraph()
            if not nodes or nodes[-1].kind != "ol":
                nodes.append(Node("ol", start=int(numbered[1])))
            nodes[-1].items.append(parse_inline(numbered[2].strip()))
        else:
            if nodes and nodes[-1].kind in {"ul", "ol"} and raw[:1].isspace() and not paragraph:
                # An indented line continues the list item above it.
                last = nodes[-1].items[-1]
                last.extend([Run(" "), *parse_inline(line)])
                continue
            paragraph.append(line)
    close_paragraph()
    return nodes


def runs_to_html(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        html = escape(run.text)
        if run.href:
            html = f'<a class="govuk-link" href="{escape(run.href)}">{html}</a>'
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        parts.append(html)
    return "".join(parts)


def to_html(nodes: list[Node]) -> SafeString:
    out = []
    for node in nodes:
        if node.kind == "p":
            out.append(f'<p class="govuk-body">{runs_to_html(node.items[0])}</p>')
        elif node.kind == "ul":
            items = "".join(f"<li>{runs_to_html(item)}</li>" for item in node.items)
            out.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
        else:
            items = "".join(f"<li>{runs_to_html(item)}</li>" for item in node.items)
            start = f' start="{node.start}"' if node.start != 1 else ""
            out.append(f'<ol class="govuk-list govuk-list--number"{start}>{items}</ol>')
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def format_text(text: str) -> SafeString:
    """Typed text as safe HTML: paragraphs, lists and inline formatting, everything else escaped."""
    return to_html(parse(text))


def format_inline(text: str) -> SafeString:
    """One line of typed text (a finding, a list item) as safe HTML with bold, italic and links."""
    return mark_safe(runs_to_html(parse_inline(text)))  # noqa: S308 - escaped in runs_to_html
