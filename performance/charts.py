"""The dashboards' charts: matplotlib figures as SVG, each with alternative text.

Ratings are told apart by hatching and by the words in the legend as well as by
colour, and every chart sits beside a table of the same figures.
"""

from matplotlib.ticker import MaxNLocator

from actionplans import rag
from improvement.charts import SvgChart, cached_chart, new_figure
from performance.progress import RATINGS, Progress

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


def _rag_bar_chart(labels: list[str], counts: list, alt_intro: str, wrap: bool = False) -> SvgChart:
    shown = [labels, [[count.count(rating) for rating in RATINGS] for count in counts], wrap]
    return cached_chart(
        "rag-bars",
        shown,
        lambda: _stacked_bars([_wrap(label) for label in labels] if wrap else labels, counts),
        alt_intro + _describe(labels, counts),
    )


def theme_progress_chart(progress: Progress) -> SvgChart:
    labels = [f"({theme.number}) {theme.title}" for theme in progress.themes]
    counts = [progress.theme_counts(theme) for theme in progress.themes]
    return _rag_bar_chart(labels, counts, "Bar chart of actions by theme and RAG rating. ", wrap=True)


def district_progress_chart(progress: Progress) -> SvgChart:
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
