"""The improvement journey: inspections and their judgements over the years, as a chart and a table."""

import hashlib
from datetime import date

from django.core.cache import cache
from matplotlib.dates import DateFormatter, YearLocator, date2num

from improvement.charts import Chart, new_figure
from inspections.models import Inspection, Judgement

# Shape and word together, so a judgement never rests on colour alone.
JUDGEMENT_MARKERS = {
    Judgement.OUTSTANDING: ("*", "#00703c"),
    Judgement.GOOD: ("^", "#00703c"),
    Judgement.REQUIRES_IMPROVEMENT: ("D", "#b58800"),
    Judgement.ADEQUATE: ("s", "#505a5f"),
    Judgement.INADEQUATE: ("v", "#d4351c"),
    "": ("o", "#1d70b8"),
}


def journey_rows(inspections: list[Inspection]) -> list[dict]:
    return [
        {
            "inspection": inspection,
            "dates": inspection.dates_display,
            "publication": inspection.publication_display,
            "judgement": inspection.get_judgement_display() if inspection.judgement else "No judgement given",
        }
        for inspection in inspections
    ]


def journey_alt_text(inspections: list[Inspection]) -> str:
    first, last = inspections[0].started_on.year, inspections[-1].started_on.year
    judged = [i for i in inspections if i.judgement]
    summary = "; ".join(f"{i.title}, {i.started_display}: {i.get_judgement_display().lower()}" for i in judged)
    text = f"Timeline of {len(inspections)} inspections and reviews from {first} to {last}."
    if summary:
        text += f" Judgements: {summary}."
    return text + " The table below gives the same information."


def journey_chart(inspections: list[Inspection]) -> Chart:
    """A timeline: one row per kind of inspection, one marker per inspection, shaped by its judgement."""
    kinds = [kind for kind in Inspection.Kind if any(i.kind == kind for i in inspections)]
    rows = {kind: index for index, kind in enumerate(reversed(kinds))}
    figure = new_figure(9, 0.6 * len(kinds) + 1.8)
    axes = figure.add_subplot()
    used = {}
    placed: dict[str, list[date]] = {}
    for inspection in inspections:
        # Nudge a marker up when another of its row is within two months, so both show.
        near = [d for d in placed.setdefault(inspection.kind, []) if abs((inspection.started_on - d).days) < 60]
        placed[inspection.kind].append(inspection.started_on)
        y = rows[inspection.kind] + 0.25 * len(near)
        start = date2num(inspection.started_on)
        if inspection.ended_on and inspection.ended_on > inspection.started_on:
            axes.plot([start, date2num(inspection.ended_on)], [y, y], color="#505a5f", linewidth=3, zorder=1)
        marker, colour = JUDGEMENT_MARKERS[inspection.judgement]
        axes.plot([start], [y], marker=marker, markersize=11, color=colour, markeredgecolor="#0b0c0c", linestyle="")
        used[inspection.judgement] = (marker, colour)
    axes.set_yticks(list(rows.values()), [Inspection.Kind(kind).label for kind in rows])
    axes.set_ylim(-0.7, len(kinds) - 0.3)
    years = [i.started_on.year for i in inspections]
    axes.set_xlim(date2num(date(min(years), 1, 1)), date2num(date(max(years) + 1, 1, 1)))
    axes.xaxis.set_major_locator(YearLocator())
    axes.xaxis.set_major_formatter(DateFormatter("%Y"))
    axes.grid(axis="x", color="#b1b4b6", linewidth=0.5)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles = [
        axes.plot([], [], marker=m, color=c, markeredgecolor="#0b0c0c", linestyle="", markersize=9)[0]
        for m, c in used.values()
    ]
    labels = [Judgement(j).label if j else "No judgement given" for j in used]
    axes.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    return Chart(figure, journey_alt_text(inspections))


def cached_journey_chart(inspections: list[Inspection]) -> Chart:
    """The journey chart, drawn once per distinct set of data.

    Drawing takes matplotlib a few hundred milliseconds at hundreds of inspections;
    the key is a digest of everything the chart and its alt text show, so a
    change to any of it draws afresh and nothing stale is ever served.
    """
    shown = [(i.pk, i.kind, i.title, i.started_on, i.started_precision, i.ended_on, i.judgement) for i in inspections]
    key = "journey-chart:" + hashlib.sha256(repr(shown).encode()).hexdigest()
    chart = cache.get(key)
    if chart is None:
        chart = journey_chart(inspections)
        cache.set(key, chart, timeout=24 * 60 * 60)
    return chart
