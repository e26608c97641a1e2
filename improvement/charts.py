"""Charts drawn on the server with matplotlib, as SVG that needs no JavaScript.

The same figure always gives the same bytes: the Agg backend, a fixed hash salt
for element ids and no date in the metadata. So pages and frozen committee
papers can be compared and cached, and tests can assert on the output.
"""

import base64
import hashlib
import io
import json

import matplotlib

matplotlib.use("Agg")

from django.core.cache import cache  # noqa: E402
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


# Bump when drawing code changes, so that charts kept in the cache are drawn again.
CHART_VERSION = 1
CHART_CACHE_SECONDS = 7 * 24 * 3600


class SvgChart(Chart):
    """A chart already drawn: its SVG and alternative text."""

    def __init__(self, svg: str, alt: str):
        self.svg, self.alt = svg, alt


def cached_chart(name: str, shown, draw, alt: str) -> SvgChart:
    """The chart ``draw()`` makes, kept in the cache under a digest of what it shows.

    Drawing with matplotlib takes a good part of a second; the same figures always
    give the same SVG, so a chart is drawn once for each set of figures it shows.
    ``shown`` must hold everything the drawing depends on, in JSON-able form.
    """
    digest = hashlib.sha256(json.dumps([name, shown, CHART_VERSION], default=str).encode()).hexdigest()
    key = f"chart:{name}:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = figure_to_svg(draw())
        cache.set(key, svg, timeout=CHART_CACHE_SECONDS)
    return SvgChart(svg, alt)
