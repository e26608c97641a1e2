from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.filters import AuditEventFilter
from audit.models import AuditEvent, record
from improvement.ratelimit import rate_limited
from improvement.spreadsheets import csv_response

PAGE_SIZE = 50


def require_auditor(request: HttpRequest) -> None:
    if not request.user.has_perm("audit.view_auditevent"):
        raise PermissionDenied


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    require_auditor(request)
    events = AuditEventFilter(request.GET, queryset=AuditEvent.objects.for_list())
    if not events.is_valid():
        return render(request, "audit/audit_log.html", {"filter": events, "page_obj": None}, status=400)
    page_obj = Paginator(events.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/audit_log.html", {"filter": events, "page_obj": page_obj})


@rate_limited("export")
@require_GET
def audit_log_export(request: HttpRequest) -> HttpResponse:
    require_auditor(request)
    events = AuditEventFilter(request.GET, queryset=AuditEvent.objects.for_list())
    if not events.is_valid():
        return HttpResponse("The filters are not valid.", status=400, content_type="text/plain")
    record(request, AuditEvent.Kind.EXPORT, f"Exported the audit log ({request.GET.urlencode() or 'everything'})")
    rows = (
        (e.at.isoformat(), e.get_kind_display(), e.username, e.ip_address or "", e.path, e.summary)
        for e in events.qs.iterator()
    )
    return csv_response("audit-log.csv", ["When", "Kind", "Username", "Address", "Page", "What"], rows)
