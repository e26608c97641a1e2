"""The dashboards' charts: matplotlib figures as SVG, each with alternative text.

Ratings are told apart by hatching and by the words in the legend as well as by
colour, and every chart sits beside a table of the same figures.
"""

import hashlib
import json

from django.core.cache import cache
from matplotlib.ticker import MaxNLocator

from actionplans import rag
from improvement.charts import Chart, new_figure
from performance.progress import RATINGS, Progress

# Bump when the drawing code changes, so that cached charts are drawn again.
CHART_VERSION = 1
CHART_CACHE_SECONDS = 7 * 24 * 3600

STYLE = {
    rag.Rating.RED: {"color": "#d4351c", "hatch": "xxx"},
    rag.Rating.AMBER: {"color": "#f47738", "hatch": "///"},
    rag.Rating.GREEN: {"color": "#00703c", "hatch": ""},
    rag.Rating.BLUE: {"color": "#1d70b8", "hatch": "..."},
    rag.Rating.NONE: {"color": "#b1b4b6", "hatch": "---"},
}


def _stacked_bars(labels: list[str], counts: list) -> object:
    height = max(2.2, 0.45 * len(labels) + 1.2)
    figure = new_figure(width=8, height=height)
    axes = figure.add_subplot()
    lefts = [0] * len(labels)
    positions = list(range(len(labels)))[::-1]
    for rating in RATINGS:
        widths = [c.count(rating) for c in counts]
        if not any(widths):
            continue
        style = STYLE[rating]
        bars = axes.barh(
            positions,
            widths,
            left=lefts,
            color=style["color"],
            hatch=style["hatch"],
            edgecolor="white",
            linewidth=0.8,
            label=rating.label,
        )
        for bar, width in zip(bars, widths, strict=True):
            if width:
                axes.text(
                    bar.get_x() + width / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(width),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if rating != rag.Rating.NONE else "black",
                    fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": style["color"], "edgecolor": "none"},
                )
        lefts = [left + width for left, width in zip(lefts, widths, strict=True)]
    axes.set_yticks(positions, labels, fontsize=9)
    axes.set_xlabel("Number of actions")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    # The legend names each rating in words; it sits above the bars, clear of the axis label.
    if axes.get_legend_handles_labels()[0]:
        axes.legend(ncols=5, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8)
    return figure


def _describe(labels: list[str], counts: list) -> str:
    parts = []
    for label, count in zip(labels, counts, strict=True):
        bits = [f"{count.count(r)} {r.label.lower()}" for r in RATINGS if count.count(r)]
        parts.append(f"{label}: {', '.join(bits) or 'no actions'}")
    return "; ".join(parts) + "."


class CachedChart:
    """A chart's SVG and alternative text, as ``improvement.charts.Chart`` gives them."""

    def __init__(self, svg: str, alt: str):
        self.svg, self.alt = svg, alt

    data_uri = Chart.data_uri
    as_img = Chart.as_img


def _rag_bar_chart(labels: list[str], counts: list, alt_intro: str, wrap: bool = False) -> CachedChart:
    """Drawing with matplotlib takes a good part of a second, so each chart is kept in the
    cache under a digest of exactly what it shows: new figures make a new key."""
    alt = alt_intro + _describe(labels, counts)
    shown = [[count.count(rating) for rating in RATINGS] for count in counts]
    key = "rag-bar-chart:" + hashlib.sha256(json.dumps([labels, shown, wrap, CHART_VERSION]).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        figure = _stacked_bars([_wrap(label) for label in labels] if wrap else labels, counts)
        svg = Chart(figure, alt).svg
        cache.set(key, svg, timeout=CHART_CACHE_SECONDS)
    return CachedChart(svg, alt)


def theme_progress_chart(progress: Progress) -> CachedChart:
    labels = [f"({theme.number}) {theme.title}" for theme in progress.themes]
    counts = [progress.theme_counts(theme) for theme in progress.themes]
    return _rag_bar_chart(labels, counts, "Bar chart of actions by theme and RAG rating. ", wrap=True)


def district_progress_chart(progress: Progress) -> CachedChart:
    areas = [None, *progress.districts]
    labels = [district.name if district else "Countywide" for district in areas]
    counts = [progress.district_counts(district) for district in areas]
    return _rag_bar_chart(labels, counts, "Bar chart of actions by district and RAG rating. ")


def _wrap(label: str, width: int = 38) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
