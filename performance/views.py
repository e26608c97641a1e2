from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from improvement.history import history_entries
from organisation.models import District
from performance import scorecard
from performance.forms import AreaAndDateForm, IndicatorForm, ValuesForm
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
