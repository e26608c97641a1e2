"""The registry of live data blocks that clerks place in a paper.

Each kind of block has a key (stored on ``Block.kind``), a label, an options
form whose cleaned data is stored as ``Block.options`` (JSON), a template
partial, and a render function ``render(options, paper) -> context``. A render
function that cannot find what its options point at raises ``TargetMissing``;
the paper then shows a note in the block's place instead of failing.

To add a kind, write an options form and a render function in this module (or
any module imported by ``reports.apps``) and decorate it::

    @register("overdue_actions", label="Overdue actions", form=OverdueOptions,
              template="reports/blocks/_overdue_actions.html")
    def overdue_actions(options: dict, paper) -> dict:
        ...

Render functions are called each time a draft is previewed or published, so
they read live data; a published version keeps the HTML they produced. A
"changes since the previous paper" block finds its baseline with
``paper.previous_version()`` (the committee's last published paper before this
one; its ``published_at`` is the cut-off). Charts: ``reports.charts.bar_chart``
gives an ``<img>`` data URI with alt text that works on screen, in the PDF and
in the Word file. Tables: give them a ``<thead>`` so headers repeat on every page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django import forms
from django.template.loader import render_to_string
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString

from improvement.forms import GDSFormMixin
from inspections.models import Finding, Inspection
from reports.formatting import format_inline


class TargetMissing(Exception):
    """The record a block's options point at no longer exists. The message says what it was."""


class BlockOptionsForm(GDSFormMixin, forms.Form):
    """Options for one kind of block. ``options()`` turns the cleaned data into JSON-ready values."""

    def options(self) -> dict:
        return {
            name: value.isoformat() if isinstance(value, date) else value for name, value in self.cleaned_data.items()
        }


@dataclass(frozen=True)
class BlockKind:
    key: str
    label: str
    description: str
    form_class: type[BlockOptionsForm]
    template: str
    render: Callable[[dict, object], dict]


_REGISTRY: dict[str, BlockKind] = {}


def register(key: str, *, label: str, form: type[BlockOptionsForm], template: str, description: str = ""):
    def decorator(render: Callable[[dict, object], dict]):
        _REGISTRY[key] = BlockKind(key, label, description, form, template, render)
        return render

    return decorator


def kinds() -> list[BlockKind]:
    return list(_REGISTRY.values())


def get_kind(key: str) -> BlockKind | None:
    return _REGISTRY.get(key)


def label_for(key: str) -> str:
    if key == "text":
        return "Paragraph"
    kind = _REGISTRY.get(key)
    return kind.label if kind else f"Unknown block ({key})"


@dataclass(frozen=True)
class RenderedBlock:
    html: SafeString
    missing: str = ""  # what the block points at that is not there, when it is not


def render(kind_key: str, options: dict, paper) -> RenderedBlock:
    """One data block as it stands now, or a note saying why it cannot be shown."""
    kind = _REGISTRY.get(kind_key)
    if kind is None:
        what = f"a kind of block that this system no longer has ({kind_key})"
        return RenderedBlock(render_to_string("reports/blocks/_missing.html", {"what": what}), what)
    try:
        context = kind.render(options or {}, paper)
    except TargetMissing as missing:
        what = str(missing)
        return RenderedBlock(render_to_string("reports/blocks/_missing.html", {"what": what}), what)
    return RenderedBlock(render_to_string(kind.template, {**context, "options": options}))


def render_block(kind_key: str, options: dict, paper) -> SafeString:
    """The HTML of one data block as it stands now (a note in its place when it cannot be shown)."""
    return render(kind_key, options, paper).html


# --- Inspections ---------------------------------------------------------------


def inspection_choices() -> list[tuple[int, str]]:
    return [
        (pk, f"{title} ({started:%B %Y})")
        for pk, title, started in Inspection.objects.order_by("-started_on", "title").values_list(
            "pk", "title", "started_on"
        )
    ]


def finding_kind_choices() -> list[tuple[str, str]]:
    """The kinds of finding, with any recorded kind the choices do not name yet (such as key enablers)."""
    known = dict(Finding.Kind.choices)
    recorded = Finding.objects.exclude(kind__in=known).values_list("kind", flat=True).distinct().order_by("kind")
    return list(known.items()) + [(kind, kind.replace("_", " ").capitalize()) for kind in recorded]


def history_line(inspection: Inspection) -> str:
    """One line of an inspection history, in the words committee papers use.

    "Fostering Services – published report 31 July 2012 (adequate)";
    a thematic inspection has no local report, only a joint national one.
    """
    if inspection.published_on:
        line = f"{inspection.title} – published report {format_date(inspection.published_on, 'j F Y')}"
        if inspection.judgement:
            line += f" ({inspection.get_judgement_display().lower()})"
        return line
    if inspection.publication_expected:
        report = "joint national report" if inspection.kind == Inspection.Kind.THEMATIC else "report"
        return f"{inspection.title} – {report} expected to be published {inspection.publication_expected}"
    return f"{inspection.title} – {inspection.get_status_display().lower()}"


class InspectionHistoryOptions(BlockOptionsForm):
    kinds = forms.MultipleChoiceField(
        label="Kinds of inspection to list",
        help_text="Leave all unticked to list every kind.",
        choices=Inspection.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    since = forms.DateField(
        label="List those that started on or after",
        help_text="For example, 2012-01-01. Leave blank to list all.",
        required=False,
    )


@register(
    "inspection_history",
    label="Inspection history",
    form=InspectionHistoryOptions,
    template="reports/blocks/_inspection_history.html",
    description="A list of inspections, oldest first, each with its report date and judgement.",
)
def inspection_history(options: dict, paper) -> dict:
    inspections = Inspection.objects.order_by("started_on", "title")
    if options.get("kinds"):
        inspections = inspections.filter(kind__in=options["kinds"])
    if options.get("since"):
        inspections = inspections.filter(started_on__gte=options["since"])
    return {"lines": [history_line(inspection) for inspection in inspections]}


class FindingsOptions(BlockOptionsForm):
    class Style:
        BULLETS = "bullets"
        NUMBERS = "numbers"

    inspection = forms.TypedChoiceField(label="Inspection or review", coerce=int)
    kind = forms.ChoiceField(label="Which findings", choices=Finding.Kind.choices)
    style = forms.ChoiceField(
        label="Show them as",
        choices=[(Style.BULLETS, "A bulleted list"), (Style.NUMBERS, "A numbered list")],
        initial=Style.BULLETS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].choices = inspection_choices()
        self.fields["kind"].choices = finding_kind_choices()


@register(
    "findings",
    label="Findings of an inspection",
    form=FindingsOptions,
    template="reports/blocks/_findings.html",
    description="One kind of finding from one inspection or review, such as its key observations or areas for "
    "further development, quoted word for word.",
)
def findings(options: dict, paper) -> dict:
    inspection = Inspection.objects.filter(pk=options.get("inspection")).first()
    if inspection is None:
        raise TargetMissing("the inspection or review whose findings it lists")
    kind = options.get("kind", "")
    chosen = inspection.findings.filter(kind=kind).order_by("position", "pk")
    return {
        "inspection": inspection,
        "kind_label": dict(Finding.Kind.choices).get(kind, kind.replace("_", " ").capitalize()),
        "items": [format_inline(finding.text) for finding in chosen],
        "numbered": options.get("style") == FindingsOptions.Style.NUMBERS,
    }


# --- The improvement plan -------------------------------------------------------


class NoOptions(BlockOptionsForm):
    pass


@register(
    "plan_themes",
    label="The improvement plan's themes",
    form=NoOptions,
    template="reports/blocks/_plan_themes.html",
    description="The themes of the countywide improvement plan, numbered.",
)
def plan_themes(options: dict, paper) -> dict:
    """The themes of the newest countywide plan that is not a draft. Two queries."""
    from actionplans.models import Plan

    plan = (
        Plan.objects.filter(parent__isnull=True).exclude(status=Plan.Status.DRAFT).order_by("-starts_on", "-pk").first()
    )
    return {"themes": [theme.title for theme in plan.themes.all()] if plan else [], "plan": plan}


class FindingsSummaryOptions(BlockOptionsForm):
    kinds = forms.MultipleChoiceField(
        label="Kinds of inspection to include",
        help_text="Leave all unticked to include every kind.",
        choices=Inspection.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


@register(
    "findings_summary",
    label="Findings by inspection (table and chart)",
    form=FindingsSummaryOptions,
    template="reports/blocks/_findings_summary.html",
    description="How many recommendations, areas for development, strengths and observations each inspection "
    "made, as a table and a bar chart.",
)
def findings_summary(options: dict, paper) -> dict:
    from django.db.models import Count, Q

    from reports.charts import bar_chart

    inspections = Inspection.objects.order_by("started_on", "title")
    if options.get("kinds"):
        inspections = inspections.filter(kind__in=options["kinds"])
    kinds = Finding.Kind.choices
    counts = {key: Count("findings", filter=Q(findings__kind=key)) for key, _ in kinds}
    rows = [
        {"inspection": inspection, "counts": [getattr(inspection, f"n_{key}") for key, _ in kinds]}
        for inspection in inspections.annotate(**{f"n_{key}": count for key, count in counts.items()})
    ]
    totals = [sum(row["counts"][index] for row in rows) for index in range(len(kinds))]
    chart = bar_chart(
        "Findings by kind, all inspections listed", [(label, totals[i]) for i, (_, label) in enumerate(kinds)]
    )
    return {"kinds": [label for _, label in kinds], "rows": rows, "totals": totals, "chart": chart}
