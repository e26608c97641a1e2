"""Charts drawn on the server with matplotlib, as SVG that needs no JavaScript.

The same figure always gives the same bytes: the Agg backend, a fixed hash salt
for element ids and no date in the metadata. So pages and frozen committee
papers can be compared and cached, and tests can assert on the output.
"""

import base64
import io

import matplotlib

matplotlib.use("Agg")

from django.utils.html import format_html  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402  (the backend must be chosen first)

SVG_RC = {
    "svg.hashsalt": "improvement-tracker",
    "svg.fonttype": "none",  # keep text as text: smaller, selectable, readable by tools
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
}


def new_figure(width: float = 8, height: float = 4) -> Figure:
    """A figure not registered with pyplot, so nothing leaks between requests."""
    return Figure(figsize=(width, height), layout="constrained")


def figure_to_svg(figure: Figure) -> str:
    """The figure as an SVG document, identical for identical figures."""
    buffer = io.StringIO()
    with matplotlib.rc_context(SVG_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


class Chart:
    """An SVG chart with the alternative text that says what it shows."""

    def __init__(self, figure: Figure, alt: str):
        self.svg = figure_to_svg(figure)
        self.alt = alt

    @property
    def data_uri(self) -> str:
        return svg_data_uri(self.svg)

    def as_img(self) -> str:
        """An ``<img>`` tag carrying the chart inline, so it also works in PDFs and frozen papers."""
        return format_html('<img class="app-chart" alt="{}" src="{}">', self.alt, self.data_uri)
