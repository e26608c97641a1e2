"""Small SVG charts for papers, as <img> data URIs with alt text.

The same image works in the browser, in WeasyPrint's tagged PDF (as a figure
with its alt text) and, through its alt text, in the Word file. Bars carry
their value as a label, so nothing depends on colour.
"""

import base64
from dataclasses import dataclass

from django.utils.html import escape

BAR_COLOUR = "#1d4e89"
WIDTH, ROW, LABEL_WIDTH, PAD = 640, 28, 260, 8


@dataclass(frozen=True)
class Chart:
    src: str
    alt: str
    width: int
    height: int


def bar_chart(title: str, rows: list[tuple[str, int]]) -> Chart:
    """A horizontal bar chart; the alt text gives every value, in order."""
    top = max((value for _, value in rows), default=0) or 1
    height = PAD * 2 + ROW * max(len(rows), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" font-size="13">'
    ]
    bar_space = WIDTH - LABEL_WIDTH - 50
    for index, (label, value) in enumerate(rows):
        y = PAD + index * ROW
        length = round(bar_space * value / top)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end">{escape(label[:40])}</text>')
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW - 8}" fill="{BAR_COLOUR}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 18}">{value}</text>')
    parts.append("</svg>")
    svg = "".join(parts).encode()
    values = "; ".join(f"{label}: {value}" for label, value in rows) or "no data"
    return Chart(
        src="data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        alt=f"{title}. {values}.",
        width=WIDTH,
        height=height,
    )
