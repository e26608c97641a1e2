from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.generic.base import RedirectView


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
    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("images/favicon.svg")


favicon = login_not_required(FaviconView.as_view())
