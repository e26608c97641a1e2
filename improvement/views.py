import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic.base import RedirectView


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


@require_GET
def baseline(request: HttpRequest) -> HttpResponse:
    """The base layout with nothing in it: the benchmark's yardstick for other pages."""
    return render(request, "pages/baseline.html")


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


class FaviconView(RedirectView):
    http_method_names = ["get", "head"]
    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("images/favicon.svg")


favicon = login_not_required(FaviconView.as_view())


logger = logging.getLogger(__name__)
HEALTH_QUERY_TIMEOUT_MS = 2000


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Answers 200 "ok" when the database answers in time, else 503. Says nothing more."""
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL statement_timeout = %s", [HEALTH_QUERY_TIMEOUT_MS])
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return HttpResponse("unavailable", content_type="text/plain", status=503)
    return HttpResponse("ok", content_type="text/plain")
