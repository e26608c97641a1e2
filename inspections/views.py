from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from improvement.history import history_entries
from inspections.filters import InspectionFilter
from inspections.forms import BulkFindingsForm, FindingForm, InspectionForm, SubJudgementForm, next_references
from inspections.journey import cached_journey_chart, journey_rows
from inspections.models import Finding, Inspection, SubJudgement, related_elsewhere

PAGE_SIZE = 25


def require_reader(user) -> None:
    """Inspections are countywide: anyone with a role reads them. Anyone else is an outsider."""
    if not (user.is_superuser or user.role_names):
        raise Http404


def get_inspection_for_user(request: HttpRequest, pk: int, write: bool = False, queryset=None) -> Inspection:
    """The inspection, if this person may see it: 404 for outsiders, 403 for readers who try to write."""
    require_reader(request.user)
    inspection = get_object_or_404(queryset if queryset is not None else Inspection.objects.all(), pk=pk)
    if write and not request.user.has_perm("inspections.change_inspection"):
        raise PermissionDenied
    return inspection


def get_finding_for_user(request: HttpRequest, pk: int, finding_pk: int, write: bool = False) -> Finding:
    require_reader(request.user)
    finding = get_object_or_404(Finding.objects.select_related("inspection"), pk=finding_pk, inspection_id=pk)
    if write and not request.user.has_perm("inspections.change_finding"):
        raise PermissionDenied
    return finding


def _require(request: HttpRequest, permission: str) -> None:
    require_reader(request.user)
    if not request.user.has_perm(permission):
        raise PermissionDenied


# --- Inspections -------------------------------------------------------------


@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    inspection_filter = InspectionFilter(request.GET, queryset=Inspection.objects.for_list())
    # A filter value that is not one of the choices is bad input: say so rather than ignore it.
    valid = inspection_filter.form.is_valid()
    queryset = inspection_filter.qs if valid else Inspection.objects.none()
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "filter": inspection_filter,
            "page_obj": page_obj,
            "can_add": request.user.has_perm("inspections.add_inspection"),
        },
        status=200 if valid else 400,
    )


@require_GET
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, queryset=Inspection.objects.with_clock())
    findings = list(inspection.findings.all())
    groups = [
        {"kind": label, "value": value, "findings": [f for f in findings if f.kind == value]}
        for value, label in Finding.Kind.choices
    ]
    can_change = request.user.has_perm("inspections.change_inspection")
    can_add_finding = request.user.has_perm("inspections.add_finding")
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "sub_judgements": list(inspection.sub_judgements.all()),
            "finding_groups": [group for group in groups if group["findings"]],
            "finding_count": len(findings),
            "history": history_entries(inspection),
            "finding_changes": inspection.finding_changes(),
            "can_change": can_change,
            "can_delete": request.user.has_perm("inspections.delete_inspection"),
            "can_add_finding": can_add_finding,
            "can_change_finding": request.user.has_perm("inspections.change_finding"),
            "finding_form": FindingForm(inspection=inspection) if can_add_finding else None,
        },
    )


@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    _require(request, "inspections.add_inspection")
    form = InspectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            inspection = form.save()
            messages.success(request, f"{inspection} has been recorded.")
            return redirect(inspection)
        return render(request, "inspections/inspection_form.html", {"form": form}, status=400)
    return render(request, "inspections/inspection_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, write=True)
    form = InspectionForm(request.POST or None, request.FILES or None, instance=inspection)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your changes have been saved.")
            return redirect(inspection)
        return render(request, "inspections/inspection_form.html", {"form": form, "inspection": inspection}, status=400)
    return render(request, "inspections/inspection_form.html", {"form": form, "inspection": inspection})


@require_http_methods(["GET", "POST"])
def inspection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk)
    if not request.user.has_perm("inspections.delete_inspection"):
        raise PermissionDenied
    blockers = inspection.deletion_blockers()
    context = {"inspection": inspection, "blockers": blockers, "finding_count": inspection.findings.count()}
    if request.method == "POST" and not blockers:
        try:
            with transaction.atomic():
                inspection.delete()
        except ProtectedError as error:
            context["blockers"] = [f"{len(error.protected_objects)} other records refer to it."]
        else:
            messages.success(request, f"{inspection} has been deleted.")
            return redirect("inspection_list")
    status = 409 if request.method == "POST" else 200
    return render(request, "inspections/inspection_confirm_delete.html", context, status=status)


@require_GET
def inspection_report(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded report, only to people who may read the inspection."""
    inspection = get_inspection_for_user(request, pk)
    if not inspection.report_file:
        raise Http404
    try:
        handle = inspection.report_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=inspection.report_filename)


@require_GET
def improvement_journey(request: HttpRequest) -> HttpResponse:
    require_reader(request.user)
    inspections = list(Inspection.objects.order_by("started_on", "title"))
    return render(
        request,
        "inspections/journey.html",
        {"rows": journey_rows(inspections), "chart": cached_journey_chart(inspections) if inspections else None},
    )


# --- Sub-judgements ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def sub_judgement_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, write=True)
    form = SubJudgementForm(request.POST or None, inspection=inspection)
    context = {"form": form, "inspection": inspection}
    if request.method == "POST":
        if form.is_valid():
            form.instance.position = inspection.sub_judgements.count()
            form.save()
            messages.success(request, "The judgement has been added.")
            return redirect(inspection)
        return render(request, "inspections/sub_judgement_form.html", context, status=400)
    return render(request, "inspections/sub_judgement_form.html", context)


@require_POST
def sub_judgement_delete(request: HttpRequest, pk: int, sub_pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk, write=True)
    sub_judgement = get_object_or_404(SubJudgement, pk=sub_pk, inspection=inspection)
    sub_judgement.delete()
    messages.success(request, f"The judgement for {sub_judgement.area} has been removed.")
    return redirect(inspection)


# --- Findings ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk)
    _require(request, "inspections.add_finding")
    form = FindingForm(request.POST or None, inspection=inspection)
    context = {"form": form, "inspection": inspection}
    if request.method == "POST":
        if form.is_valid():
            form.instance.position = Finding.next_position(inspection)
            finding = form.save()
            messages.success(request, f"Finding {finding.reference} has been added.")
            return redirect(inspection.get_absolute_url() + "#findings")
        return render(request, "inspections/finding_form.html", context, status=400)
    return render(request, "inspections/finding_form.html", context)


@require_http_methods(["GET", "POST"])
def finding_bulk_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection_for_user(request, pk)
    _require(request, "inspections.add_finding")
    form = BulkFindingsForm(request.POST or None)
    context = {"form": form, "inspection": inspection}
    if request.method == "POST":
        if form.is_valid():
            texts = form.cleaned_data["text"]
            kind, priority = form.cleaned_data["kind"], form.cleaned_data["priority"]
            with transaction.atomic():
                references = next_references(inspection, kind, len(texts))
                position = Finding.next_position(inspection)
                for offset, (reference, text) in enumerate(zip(references, texts, strict=True)):
                    # save() one by one so that each finding's creation is in its history
                    Finding.objects.create(
                        inspection=inspection,
                        kind=kind,
                        priority=priority,
                        reference=reference,
                        text=text,
                        position=position + offset,
                    )
            noun = "finding has" if len(texts) == 1 else "findings have"
            messages.success(request, f"{len(texts)} {noun} been added: {references[0]} to {references[-1]}.")
            return redirect(inspection.get_absolute_url() + "#findings")
        return render(request, "inspections/finding_bulk_form.html", context, status=400)
    return render(request, "inspections/finding_bulk_form.html", context)


@require_GET
def finding_detail(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = get_finding_for_user(request, pk, finding_pk)
    return render(
        request,
        "inspections/finding_detail.html",
        {
            "finding": finding,
            "inspection": finding.inspection,
            "history": history_entries(finding),
            "can_change_finding": request.user.has_perm("inspections.change_finding"),
            "can_delete_finding": request.user.has_perm("inspections.delete_finding"),
        },
    )


@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = get_finding_for_user(request, pk, finding_pk, write=True)
    form = FindingForm(request.POST or None, instance=finding, inspection=finding.inspection)
    context = {"form": form, "inspection": finding.inspection, "finding": finding}
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your changes have been saved.")
            return redirect(finding)
        return render(request, "inspections/finding_form.html", context, status=400)
    return render(request, "inspections/finding_form.html", context)


@require_POST
def finding_move(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = get_finding_for_user(request, pk, finding_pk, write=True)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponse("Say which way to move the finding: up or down.", status=400, content_type="text/plain")
    with transaction.atomic():
        finding.move(direction)
    return redirect(finding.inspection.get_absolute_url() + f"#finding-{finding.pk}")


@require_http_methods(["GET", "POST"])
def finding_delete(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = get_finding_for_user(request, pk, finding_pk)
    _require(request, "inspections.delete_finding")
    blockers = related_elsewhere(Finding.objects.filter(pk=finding.pk), "this finding")
    context = {"finding": finding, "inspection": finding.inspection, "blockers": blockers}
    if request.method == "POST" and not blockers:
        finding.delete()
        messages.success(request, f"Finding {finding.reference} has been deleted.")
        return redirect(finding.inspection.get_absolute_url() + "#findings")
    status = 409 if request.method == "POST" else 200
    return render(request, "inspections/finding_confirm_delete.html", context, status=status)
