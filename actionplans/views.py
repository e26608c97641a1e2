from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Prefetch
from django.forms import ChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from actionplans import exports, rag, traceability
from actionplans.filters import ActionFilter, sorted_actions
from actionplans.forms import (
    ActionForm,
    EvidenceForm,
    PlanForm,
    ProgressUpdateForm,
    ReviewForm,
    SignOffForm,
    ThemeForm,
)
from actionplans.models import Action, EvidenceFile, Plan, ProgressUpdate, Theme
from audit.models import AuditEvent, record
from improvement.history import history_entries
from improvement.ratelimit import rate_limited
from inspections.models import Finding
from performance.models import impacts_for

PAGE_SIZE = 50
PLAN_PAGE_LIMIT = 200


def get_action_for_user(request: HttpRequest, pk: int, write: bool = False) -> Action:
    """The action, if this person may see it (404 otherwise); with write, if they may change it.

    Readers asking to write get 403; project managers outside the action's scope get 404,
    so that the edit form does not reveal that another district's action exists there.
    """
    actions = Action.objects.visible_to(request.user)
    if write:
        if not request.user.has_perm("actionplans.change_action"):
            get_object_or_404(actions, pk=pk)
            raise PermissionDenied
        actions = actions.editable_by(request.user)
    return get_object_or_404(actions.select_related("plan", "theme", "district"), pk=pk)


def get_plan_for_user(request: HttpRequest, pk: int) -> Plan:
    if not (request.user.is_superuser or request.user.role_names):
        raise Http404
    return get_object_or_404(Plan.objects.select_related("parent", "district"), pk=pk)


@require_GET
def rag_key(request: HttpRequest) -> HttpResponse:
    ratings = [rag.Rating.RED, rag.Rating.AMBER, rag.Rating.GREEN, rag.Rating.BLUE, rag.Rating.NONE]
    return render(
        request,
        "actionplans/rag_key.html",
        {"ratings": ratings, "green_margin": rag.GREEN_MARGIN, "amber_margin": rag.AMBER_MARGIN},
    )


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.filter(parent__isnull=True).annotate(
        action_count=Count("actions", distinct=True), sub_plan_count=Count("sub_plans", distinct=True)
    )
    if not (request.user.is_superuser or request.user.role_names):
        plans = plans.none()
    return render(request, "actionplans/plan_list.html", {"plans": plans})


def rag_counts(actions) -> dict:
    """{group key: {rating: n}} for a values() queryset grouped by one key, in one query."""
    counts: dict = {}
    for row in actions:
        counts.setdefault(row["key"], dict.fromkeys(rag.Rating.values, 0))[row["rag_value"]] = row["n"]
    return counts


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    themes = list(plan.themes_in_use())
    theme_rag = rag_counts(
        Action.objects.filter(plan=plan)
        .with_rag()
        .values("rag_value")
        .annotate(key=F("theme_id"), n=Count("id"))
        .order_by()
    )
    action_count = sum(sum(counts.values()) for counts in theme_rag.values())
    # A plan of ordinary size lists its actions by theme; a very large one links to the filtered list instead.
    actions = list(Action.objects.filter(plan=plan).for_list()) if action_count <= PLAN_PAGE_LIMIT else []
    for theme in themes:
        theme.rag_counts = theme_rag.get(theme.pk, dict.fromkeys(rag.Rating.values, 0))
        theme.action_count = sum(theme.rag_counts.values())
        theme.plan_actions = [action for action in actions if action.theme_id == theme.pk]
    sub_plans = list(plan.sub_plans.select_related("district"))
    district_rag = rag_counts(
        Action.objects.filter(plan__parent=plan)
        .with_rag()
        .values("rag_value")
        .annotate(key=F("plan_id"), n=Count("id"))
        .order_by()
    )
    for sub_plan in sub_plans:
        sub_plan.rag_counts = district_rag.get(sub_plan.pk, dict.fromkeys(rag.Rating.values, 0))
        sub_plan.action_count = sum(sub_plan.rag_counts.values())
    can_add = request.user.has_perm("actionplans.add_action") and (
        request.user.has_perm("actionplans.sign_off_action")
        or (plan.district_id and request.user.districts.filter(pk=plan.district_id).exists())
        or (not plan.district_id and not request.user.districts.exists())
    )
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "themes": themes,
            "sub_plans": sub_plans,
            "can_add": can_add,
            "action_count": action_count,
            "listed": bool(actions),
        },
    )


def filtered_actions(request: HttpRequest):
    actions = Action.objects.visible_to(request.user).for_list()
    action_filter = ActionFilter(request.GET or None, queryset=actions)
    if not action_filter.is_bound:
        queryset = actions
    else:
        # A filter that cannot be read shows nothing rather than everything.
        queryset = action_filter.qs if action_filter.is_valid() else actions.none()
    return action_filter, sorted_actions(queryset, request.GET.get("sort", ""))


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    action_filter, actions = filtered_actions(request)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    status = 400 if action_filter.is_bound and not action_filter.is_valid() else 200
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "actionplans/action_list.html",
        {"filter": action_filter, "page_obj": page, "export_query": export_query.urlencode()},
        status=status,
    )


@rate_limited("export")
@require_GET
def action_export(request: HttpRequest, format: str) -> HttpResponse:
    _, actions = filtered_actions(request)
    stamp = rag.today().isoformat()
    if format == "csv":
        response = StreamingHttpResponse(
            exports.as_csv(actions.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.as_xlsx(actions.iterator(chunk_size=2000)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="actions-{stamp}.{format}"'
    record(
        request, AuditEvent.Kind.EXPORT, f"Exported actions as {format.upper()} ({request.GET.urlencode() or 'all'})"
    )
    return response


@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    action = (
        Action.objects.select_related(
            "plan", "theme", "district", "lead_officer", "contributes_to", "signed_off_by", "plan__district"
        )
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.select_related("inspection")),
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author", "reviewer")),
            Prefetch("evidence_files", queryset=EvidenceFile.objects.select_related("uploaded_by")),
            Prefetch("contributions", queryset=Action.objects.select_related("district")),
        )
        .get(pk=action.pk)
    )
    user = request.user
    can_edit = Action.objects.editable_by(user).filter(pk=action.pk).exists()
    return render(
        request,
        "actionplans/action_detail.html",
        {
            "action": action,
            "can_edit": can_edit,
            "can_post_update": can_edit and user.has_perm("actionplans.add_progressupdate"),
            "can_upload": can_edit and user.has_perm("actionplans.add_evidencefile"),
            "can_review": user.has_perm("actionplans.review_progressupdate"),
            "can_sign_off": user.has_perm("actionplans.sign_off_action") and action.status == Action.Status.COMPLETE,
            "impacts": impacts_for(action),
            # Linking findings adds a history row with no field changes; it says nothing to a reader.
            "history": [entry for entry in history_entries(action) if entry.changes or entry.kind != "Changed"],
        },
    )


@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    if not request.user.has_perm("actionplans.add_action"):
        get_plan_for_user(request, plan_pk)
        raise PermissionDenied
    plan = get_plan_for_user(request, plan_pk)
    user = request.user
    if not user.has_perm("actionplans.sign_off_action"):
        in_scope = (
            user.districts.filter(pk=plan.district_id).exists() if plan.district_id else not user.districts.exists()
        )
        if not in_scope:
            raise Http404
    form = ActionForm(request.POST or None, plan=plan)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                action = form.save()
            messages.success(request, f"Action {action.reference} added.")
            return redirect(action)
        return render(request, "actionplans/action_form.html", {"form": form, "plan": plan}, status=400)
    return render(request, "actionplans/action_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, write=True)
    form = ActionForm(request.POST or None, instance=action, plan=action.plan)
    context = {"form": form, "plan": action.plan, "action": action}
    if request.method != "POST":
        return render(request, "actionplans/action_form.html", context)
    read_version = _posted_version(request)
    if not form.is_valid():
        return render(request, "actionplans/action_form.html", context, status=400)
    try:
        with transaction.atomic():
            action = form.save(commit=False)
            action.save_as_next_version(read_version)
            form.save_m2m()
    except Action.StaleVersion:
        return edit_conflict(request, action.pk, read_version, form)
    messages.success(request, f"Action {action.reference} saved.")
    return redirect(action)


def _posted_version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def edit_conflict(request: HttpRequest, pk: int, read_version: int, form: ActionForm) -> HttpResponse:
    """Someone saved the action after this person opened it: show what changed, save nothing."""
    current = Action.objects.select_related("theme").get(pk=pk)
    saved_since = current.history.filter(version__gt=read_version).count()
    since = history_entries(current, limit=max(saved_since, 1))[:saved_since]
    yours = []
    for name, field in form.fields.items():
        if name in {"version", "findings"} or name not in form.cleaned_data:
            continue
        mine, now = form.cleaned_data[name], getattr(current, name)
        if mine != now:
            labels = dict(field.choices) if isinstance(field, ChoiceField) and not hasattr(field, "queryset") else {}
            yours.append({"label": field.label or name, "yours": labels.get(mine, mine), "now": labels.get(now, now)})
    return render(
        request,
        "actionplans/action_conflict.html",
        {"action": current, "since": since, "yours": yours},
        status=409,
    )


@require_http_methods(["GET", "POST"])
def update_create(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    if not request.user.has_perm("actionplans.add_progressupdate"):
        raise PermissionDenied
    action = get_action_for_user(request, pk, write=True)
    if action.status in {Action.Status.SIGNED_OFF, Action.Status.CANCELLED}:
        messages.info(request, f"This action is {action.get_status_display().lower()}, so it takes no more updates.")
        return redirect(action)
    form = ProgressUpdateForm(request.POST or None, action=action)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                # An update is an event, not an edit of a form someone read: two posted at
                # once are both kept, one after the other, so the row is locked, not compared.
                action = Action.objects.select_for_update().get(pk=action.pk)
                action.progress = form.cleaned_data["progress"]
                action.status = form.cleaned_data["status"]
                action.save_as_next_version()
                update = form.save(commit=False)
                update.action = action
                update.author = request.user
                update.rag = action.rag
                update.save()
            messages.success(request, "Progress update posted. It now waits for an assistant director’s review.")
            return redirect(action)
        return render(request, "actionplans/update_form.html", {"form": form, "action": action}, status=400)
    return render(request, "actionplans/update_form.html", {"form": form, "action": action})


def get_update_for_review(request: HttpRequest, pk: int) -> ProgressUpdate:
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("action", "author", "action__plan"),
        pk=pk,
        action__in=Action.objects.visible_to(request.user),
    )
    if not request.user.has_perm("actionplans.review_progressupdate"):
        raise PermissionDenied
    return update


@require_http_methods(["GET", "POST"])
def update_review(request: HttpRequest, pk: int) -> HttpResponse:
    update = get_update_for_review(request, pk)
    form = ReviewForm(request.POST or None)
    context = {"form": form, "update": update, "action": update.action}
    if update.review_status != ProgressUpdate.ReviewStatus.AWAITING:
        messages.info(request, "This update has already been reviewed.")
        return redirect(update.action)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                update.review_status = form.cleaned_data["decision"]
                update.review_comments = form.cleaned_data["comments"]
                update.reviewer = request.user
                update.reviewed_at = timezone.now()
                update.save()
                record(
                    request,
                    AuditEvent.Kind.SIGN_OFF,
                    f"{update.get_review_status_display()}: update of {update.dated} on {update.action.reference}",
                )
            verb = "signed off" if update.review_status == ProgressUpdate.ReviewStatus.SIGNED_OFF else "returned"
            messages.success(request, f"Update on {update.action.reference} {verb}.")
            return redirect("review_list")
        return render(request, "actionplans/update_review.html", context, status=400)
    return render(request, "actionplans/update_review.html", context)


@require_http_methods(["GET", "POST"])
def action_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    if not request.user.has_perm("actionplans.sign_off_action"):
        raise PermissionDenied
    if action.status != Action.Status.COMPLETE:
        messages.info(request, "Only an action reported complete can be signed off.")
        return redirect(action)
    form = SignOffForm(request.POST or None, action=action)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                # Locked and looked at again: someone may have changed it since the page was read.
                action = Action.objects.select_for_update().get(pk=action.pk)
                if action.status != Action.Status.COMPLETE:
                    messages.info(
                        request, "The action changed while you were signing it off; it is no longer complete."
                    )
                    return redirect(action)
                action.status = Action.Status.SIGNED_OFF
                action.signed_off_by = request.user
                action.signed_off_at = timezone.now()
                action.sign_off_note = form.cleaned_data["evidence_note"]
                action.progress = 100
                action.save_as_next_version()
                record(request, AuditEvent.Kind.SIGN_OFF, f"Signed off action {action.reference} as complete")
            messages.success(request, f"Action {action.reference} signed off as complete.")
            return redirect(action)
        return render(request, "actionplans/action_sign_off.html", {"form": form, "action": action}, status=400)
    return render(request, "actionplans/action_sign_off.html", {"form": form, "action": action})


@require_http_methods(["GET", "POST"])
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    if not request.user.has_perm("actionplans.add_evidencefile"):
        raise PermissionDenied
    action = get_action_for_user(request, pk, write=True)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with transaction.atomic():
                EvidenceFile.objects.create(
                    action=action,
                    file=upload,
                    original_name=upload.name[:255],
                    content_type=form.cleaned_data["content_type"],
                    size=upload.size,
                    note=form.cleaned_data["note"],
                    uploaded_by=request.user,
                )
            messages.success(request, f"Evidence file {upload.name} uploaded.")
            return redirect(action)
        return render(request, "actionplans/evidence_form.html", {"form": form, "action": action}, status=400)
    return render(request, "actionplans/evidence_form.html", {"form": form, "action": action})


@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("action"), pk=pk, action__in=Action.objects.visible_to(request.user)
    )
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("actionplans.review_progressupdate"):
        raise PermissionDenied
    updates = (
        ProgressUpdate.objects.awaiting_review_by(request.user)
        .select_related("action", "action__plan", "action__district", "author")
        .order_by("dated", "pk")
    )
    page = Paginator(updates, PAGE_SIZE).get_page(request.GET.get("page"))
    to_sign_off = Action.objects.filter(status=Action.Status.COMPLETE).for_list()[:PAGE_SIZE]
    complete_count = Action.objects.filter(status=Action.Status.COMPLETE).count()
    return render(
        request,
        "actionplans/review_list.html",
        {"page_obj": page, "to_sign_off": to_sign_off, "complete_count": complete_count},
    )


@require_GET
def unanswered_findings(request: HttpRequest) -> HttpResponse:
    findings = traceability.unanswered_findings().select_related("inspection")
    if not (request.user.is_superuser or request.user.role_names):
        findings = findings.none()
    return render(request, "actionplans/unanswered_findings.html", {"findings": findings})


def _require_plan_permission(request: HttpRequest, codename: str) -> None:
    if not (request.user.is_superuser or request.user.role_names):
        raise Http404
    if not request.user.has_perm(f"actionplans.{codename}"):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    _require_plan_permission(request, "add_plan")
    form = PlanForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                plan = form.save()
            messages.success(request, f"{plan} added.")
            return redirect(plan)
        return render(request, "actionplans/plan_form.html", {"form": form}, status=400)
    return render(request, "actionplans/plan_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    _require_plan_permission(request, "change_plan")
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, f"{plan} saved.")
            return redirect(plan)
        return render(request, "actionplans/plan_form.html", {"form": form, "plan": plan}, status=400)
    return render(request, "actionplans/plan_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, plan_pk: int, pk: int | None = None) -> HttpResponse:
    """Adds a theme to a countywide plan (no pk) or edits one."""
    plan = get_plan_for_user(request, plan_pk)
    _require_plan_permission(request, "change_plan")
    if plan.is_sub_plan:
        raise Http404  # sub-plans use their countywide plan's themes
    theme = get_object_or_404(Theme, plan=plan, pk=pk) if pk else None
    form = ThemeForm(request.POST or None, instance=theme, plan=plan)
    context = {"form": form, "plan": plan, "theme": theme}
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                theme = form.save()
            messages.success(request, f"Theme {theme} saved.")
            return redirect(plan)
        return render(request, "actionplans/theme_form.html", context, status=400)
    return render(request, "actionplans/theme_form.html", context)
