import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic.base import RedirectView


@require_GET
def baseline(request: HttpRequest) -> HttpResponse:
    """The base layout with nothing in it: the benchmark's yardstick for other pages."""
    return render(request, "pages/baseline.html")


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    from improvement.search import MAX_QUERY_LENGTH, search

    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        context = {"query": query[:MAX_QUERY_LENGTH], "error": f"Search for {MAX_QUERY_LENGTH} characters or fewer"}
        return render(request, "pages/search.html", context, status=400)
    sources = search(request.user, query)
    context = {"query": query, "sources": sources, "total": sum(source.total for source in sources)}
    return render(request, "pages/search.html", context)


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


RETRY_AFTER_SECONDS = 30


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler; a lost database is told apart, as 503, with a page that says so.

    During a database restart or fail-over nothing a request meant to save was
    saved (writes are in transactions), and the connection is re-made on a later
    request, so the person is asked to try again in a moment.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)
