"""Charts for papers: matplotlib drawn to SVG, carried as ``<img>`` data URIs with alt text.

The same image works in the browser, in WeasyPrint's tagged PDF (as a figure
with its alt text) and, through its alt text, in the Word file. Bars carry
their value as a label, so nothing depends on colour.
"""

from improvement.charts import SvgChart, cached_chart, new_figure

BAR_COLOUR = "#1d4e89"


def _draw_bars(rows: list[tuple[str, int]]):
    figure = new_figure(width=7, height=max(1.6, 0.42 * len(rows) + 0.8))
    axes = figure.add_subplot()
    labels = [label[:40] for label, _ in rows][::-1]
    values = [value for _, value in rows][::-1]
    bars = axes.barh(labels, values, color=BAR_COLOUR)
    axes.bar_label(bars, padding=3, fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=9)
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    return figure


def bar_chart(title: str, rows: list[tuple[str, int]]) -> SvgChart:
    """A horizontal bar chart; the alt text gives every value, in order."""
    values = "; ".join(f"{label}: {value}" for label, value in rows) or "no data"
    return cached_chart("paper-bars", rows, lambda: _draw_bars(rows), f"{title}. {values}.")
