"""The project's URLs plus two that fail on purpose, to show the error pages in a browser."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("A deliberate failure for the error page test")


urlpatterns = [
    path("test-forbidden/", forbidden),
    path("test-broken/", broken),
    path("", include("improvement.urls")),
]

handler500 = "improvement.views.server_error"
