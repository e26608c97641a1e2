from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import rag
from actionplans.imports import ImportRejected, read_rows
from actionplans.models import ProgressUpdate
from audit import models as audit
from audit.models import AuditEvent
from improvement.freshness import LazyFigures, data_stamp
from improvement.history import history_entries
from improvement.ratelimit import rate_limited
from organisation.models import District
from performance import charts, imports, progress, scorecard
from performance.forms import AreaAndDateForm, AsAtForm, IndicatorForm, ValuesForm
from performance.models import Indicator


def get_indicator_for_user(request: HttpRequest, pk: int, write: bool = False) -> Indicator:
    """Every signed-in person reads indicators; changing them needs the permission."""
    indicator = get_object_or_404(Indicator, pk=pk)
    if write and not request.user.has_perm("performance.change_indicator"):
        raise PermissionDenied
    return indicator


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    districts = list(District.objects.all())
    form = AreaAndDateForm(request.GET or None, districts=districts)
    district = as_at = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            district, as_at = form.district(), form.cleaned_data["as_at"]
        else:
            status = 400
    rows = Indicator.objects.scorecard(district=district, as_at=as_at)
    context = {
        "form": form,
        "rows": rows,
        "summary": scorecard.summarise(rows),
        "district": district,
        "as_at": as_at,
        "can_add": request.user.has_perm("performance.add_indicator"),
    }
    return render(request, "performance/indicator_list.html", context, status=status)


@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, pk)
    county_values = list(indicator.values.countywide().order_by("period"))
    spread = Indicator.objects.filter(pk=indicator.pk).spreads().get(indicator.pk)
    districts = list(District.objects.all())
    comparison = []
    if spread:
        for district in districts:
            value = spread.values.get(district.pk)
            status = scorecard.status(value, indicator.target, indicator.floor, indicator.polarity)
            comparison.append(
                {
                    "district": district,
                    "value": value,
                    "rank": spread.rank(district.pk, indicator.polarity),
                    "rag": scorecard.STATUS_RAG[status],
                    "status_label": scorecard.STATUS_LABELS[status],
                }
            )
        comparison.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["district"].name))
    context = {
        "indicator": indicator,
        "county_values": county_values,
        "spread": spread,
        "comparison": comparison,
        "districts_reporting": sum(1 for row in comparison if row["value"] is not None),
        "entries": history_entries(indicator, limit=20),
        "can_change": request.user.has_perm("performance.change_indicator"),
    }
    return render(request, "performance/indicator_detail.html", context)


@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("performance.add_indicator"):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None)
    if form.is_valid():
        indicator = form.save()
        messages.success(request, f"Indicator {indicator.reference} added.")
        return redirect(indicator)
    return render(request, "performance/indicator_form.html", {"form": form}, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, pk, write=True)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if form.is_valid():
        form.save()
        messages.success(request, "Indicator saved.")
        return redirect(indicator)
    return render(
        request,
        "performance/indicator_form.html",
        {"form": form, "indicator": indicator},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request, pk, write=True)
    form = ValuesForm(request.POST or None, indicator=indicator, districts=District.objects.all())
    if form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, f"{saved} values saved for {indicator.period_label(form.cleaned_data['period'])}.")
        return redirect(indicator)
    return render(
        request,
        "performance/indicator_values.html",
        {"form": form, "indicator": indicator},
        status=400 if form.is_bound else 200,
    )


# --- Dashboards ------------------------------------------------------------------------

LIST_LENGTH = 10


def as_at_from(request: HttpRequest, form_class=AsAtForm, **form_kwargs):
    """The as-at form, the chosen day (None for now) and the status to answer with."""
    form = form_class(request.GET or None, **form_kwargs)
    if form.is_bound and not form.is_valid():
        return form, None, 400
    return form, form.as_at_or_none(), 200


def plan_dashboard_context(plan, as_at, district=None) -> dict:
    """What the county and district dashboards share: progress now and a month before,
    overdue and due soon. A fixed number of queries."""
    now = progress.plan_progress(plan, as_at, district=district)
    month_before = progress.previous_month_end(now.on)
    before = progress.plan_progress(plan, month_before, district=district)
    overdue = progress.overdue_as_at(plan, as_at, district=district)
    due_soon = progress.due_soon_as_at(plan, as_at, district=district)
    return {
        "plan": plan,
        "progress": now,
        "before": before,
        "month_before": month_before,
        "changes": [(rating, now.overall.count(rating) - before.overall.count(rating)) for rating in progress.RATINGS],
        "overdue": list(overdue[:LIST_LENGTH]),
        "overdue_count": overdue.count(),
        "due_soon": list(due_soon[:LIST_LENGTH]),
        "due_soon_count": due_soon.count(),
        "theme_chart": charts.theme_progress_chart(now),
        "grid": district_theme_grid(now),
    }


def district_theme_grid(now: progress.Progress) -> list[dict]:
    """The district × theme grid's rows, each cell with its counts and the link to its actions."""
    action_list = reverse("action_list")
    rows = []
    for district, cells, _ in now.grid_rows():
        area = district.name if district else "countywide"
        rows.append(
            {
                "district": district,
                "cells": [
                    {
                        "counts": counts,
                        "link": action_list
                        + "?"
                        + urlencode({"theme": theme.pk, "district": district.pk if district else "null"}),
                        "where": f" in {area}, theme {theme.number}",
                    }
                    for theme, counts in cells
                ],
            }
        )
    return rows


PLAN_FIGURES = [
    "progress",
    "before",
    "month_before",
    "changes",
    "overdue",
    "overdue_count",
    "due_soon",
    "due_soon_count",
    "theme_chart",
    "grid",
]


def county_figures(plan, as_at) -> dict:
    rows = Indicator.objects.scorecard(as_at=as_at)
    return {
        **plan_dashboard_context(plan, as_at),
        "awaiting_count": progress.awaiting_review_as_at(as_at).count(),
        "unanswered_count": progress.unanswered_findings_as_at(as_at).count(),
        "scorecard_summary": scorecard.summarise(rows),
        "indicators_off_target": [row for row in rows if row.status in OFF_TARGET],
    }


def cached_figures_context(compute, names: list[str], as_at) -> dict:
    """Lazy figures and the key their rendered fragment is cached under: the data stamp and the day.

    Templates wrap the figures in ``{% cache ... figures_key %}``; when the page is in the
    cache, the figures are never computed.
    """
    figures = LazyFigures(compute)
    return {**figures.context(names), "figures_key": f"{data_stamp()}:{as_at or rag.today()}"}


@require_GET
def county_dashboard(request: HttpRequest) -> HttpResponse:
    form, as_at, status = as_at_from(request)
    plan = progress.current_plan()
    context = {
        "form": form,
        "as_at": as_at,
        "plan": plan,
        "can_review": request.user.has_perm("actionplans.review_progressupdate"),
    }
    if plan is not None:
        names = [*PLAN_FIGURES, "awaiting_count", "unanswered_count", "scorecard_summary", "indicators_off_target"]
        context.update(cached_figures_context(lambda: county_figures(plan, as_at), names, as_at))
    return render(request, "performance/county_dashboard.html", context, status=status)


OFF_TARGET = {scorecard.BELOW_TARGET, scorecard.BELOW_FLOOR}


@require_GET
def district_list(request: HttpRequest) -> HttpResponse:
    plan = progress.current_plan()
    districts = list(District.objects.all())
    now = progress.plan_progress(plan) if plan is not None else None
    action_list = reverse("action_list")
    rows = [
        (
            district,
            now.district_counts(district) if now else None,
            action_list + "?" + urlencode({"district": district.pk}),
        )
        for district in districts
    ]
    return render(request, "performance/district_list.html", {"rows": rows, "plan": plan})


def district_figures(plan, district, as_at) -> dict:
    figures = {}
    if plan is not None:
        figures.update(plan_dashboard_context(plan, as_at, district=district))
        figures["sub_plan"] = plan.sub_plans.filter(district=district).first()
        figures["latest_updates"] = list(
            ProgressUpdate.objects.filter(action__district=district)
            .select_related("action", "author")
            .order_by("-dated", "-pk")[:LIST_LENGTH]
        )
    indicators = Indicator.objects.all()
    rows = indicators.scorecard(district=district, as_at=as_at)
    spreads = indicators.spreads(as_at=as_at)
    figures["indicator_rows"] = [
        (row, spreads.get(row.indicator.pk), spreads[row.indicator.pk].rank(district.pk, row.indicator.polarity))
        if row.indicator.pk in spreads
        else (row, None, None)
        for row in rows
    ]
    figures["district_count"] = District.objects.count()
    figures["scorecard_summary"] = scorecard.summarise(rows)
    return figures


DISTRICT_FIGURES = [
    *PLAN_FIGURES,
    "sub_plan",
    "latest_updates",
    "indicator_rows",
    "district_count",
    "scorecard_summary",
]


@require_GET
def district_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District, slug=slug)
    form, as_at, status = as_at_from(request)
    plan = progress.current_plan()
    # The "see all" links of its overdue and due-soon lists keep to the district.
    list_query = f"district={district.pk}&"
    context = {"form": form, "as_at": as_at, "district": district, "plan": plan, "list_query": list_query}
    names = DISTRICT_FIGURES if plan is not None else DISTRICT_FIGURES[len(PLAN_FIGURES) + 2 :]
    context.update(cached_figures_context(lambda: district_figures(plan, district, as_at), names, as_at))
    return render(request, "performance/district_dashboard.html", context, status=status)


def comparison_figures(plan, districts, as_at) -> dict:
    figures = {}
    if plan is not None:
        now = progress.plan_progress(plan, as_at)
        overdue_by_district = progress.overdue_counts_by_district(plan, as_at)
        plan_rows = [
            (district, now.district_counts(district), overdue_by_district.get(district.pk, 0)) for district in districts
        ]
        figures["plan_rows"] = progress.mark_outliers(plan_rows, key=lambda row: row[1].red + row[2])
        figures["district_chart"] = charts.district_progress_chart(now)
    spreads = Indicator.objects.spreads(as_at=as_at)
    figures["indicator_rows"] = [
        (
            indicator,
            spreads.get(indicator.pk),
            progress.indicator_comparison(indicator, spreads.get(indicator.pk), districts),
        )
        for indicator in Indicator.objects.all()
    ]
    return figures


@require_GET
def compare_districts(request: HttpRequest) -> HttpResponse:
    form, as_at, status = as_at_from(request)
    plan = progress.current_plan()
    districts = list(District.objects.all())
    context = {"form": form, "as_at": as_at, "plan": plan, "districts": districts}
    names = ["plan_rows", "district_chart", "indicator_rows"] if plan is not None else ["indicator_rows"]
    context.update(cached_figures_context(lambda: comparison_figures(plan, districts, as_at), names, as_at))
    return render(request, "performance/compare_districts.html", context, status=status)


# --- Importing values ----------------------------------------------------------------


def require_value_import(request: HttpRequest) -> None:
    if not request.user.has_perm("performance.add_indicatorvalue"):
        raise PermissionDenied


@rate_limited("import", methods=("POST",))
@require_http_methods(["GET", "POST"])
def indicator_import(request: HttpRequest) -> HttpResponse:
    """Upload a sheet of values; the answer is a preview, and nothing is written yet."""
    require_value_import(request)
    form = imports.UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.check_rows(read_rows(upload))
        except ImportRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            bad = [row for row in rows if row.errors]
            context |= {
                "rows": rows,
                "bad": bad,
                "file_name": upload.name,
                "counts": {kind: sum(row.action == kind for row in rows) for kind in ["create", "change", "unchanged"]},
                "token": imports.sign(rows) if not bad else "",
            }
            return render(request, "performance/indicator_import_preview.html", context, status=400 if bad else 200)
    status = 400 if form.is_bound else 200
    return render(request, "performance/indicator_import.html", context, status=status)


@rate_limited("import")
@require_POST
def indicator_import_confirm(request: HttpRequest) -> HttpResponse:
    require_value_import(request)
    try:
        plain = imports.unsign(request.POST.get("token", ""))
    except signing.BadSignature:
        context = {
            "form": imports.UploadForm(),
            "error": "The preview has expired or was altered. Upload the file again.",
        }
        return render(request, "performance/indicator_import.html", context, status=400)
    try:
        written = imports.apply(plain)
    except ImportRejected as rejected:
        context = {"form": imports.UploadForm(), "error": str(rejected)}
        return render(request, "performance/indicator_import.html", context, status=409)
    name = request.POST.get("file_name", "a spreadsheet")[:200]
    audit.record(request, AuditEvent.Kind.IMPORT, f"Imported {written} indicator values from {name}")
    messages.success(request, f"{written} indicator values saved from {name}.")
    return redirect("indicator_list")


@require_GET
def indicator_import_template(request: HttpRequest) -> HttpResponse:
    require_value_import(request)
    return imports.template_response()
