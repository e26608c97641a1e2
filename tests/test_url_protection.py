"""Walks the whole URLconf so that no new page can ship without sign-in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages a person may reach before signing in. Anything else must send them to sign in.
PUBLIC_URL_NAMES = {"login", "accessibility", "health"}
PUBLIC_PATHS = {"/favicon.ico"}

SAMPLE_VALUES = {
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


def iter_patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def sample_path(route: str) -> str | None:
    """Turns a route such as 'actions/<int:pk>/' into a concrete path; None for regex routes."""
    if route.startswith("^"):
        return None
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        converter = path[start + 1 : end].split(":")[0] if ":" in path[start:end] else "str"
        path = path[:start] + SAMPLE_VALUES.get(converter, "1") + path[end + 1 :]
    return "/" + path


def project_routes():
    for route, pattern in iter_patterns(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # the admin has its own sign-in; checked separately below
        path = sample_path(route)
        if path is not None:
            yield pytest.param(path, pattern.name, id=route or "home")


@pytest.mark.parametrize(("path", "name"), list(project_routes()))
@pytest.mark.django_db
def test_every_page_needs_sign_in(client, path, name):
    response = client.get(path)
    if name in PUBLIC_URL_NAMES or path in PUBLIC_PATHS:
        assert response.status_code in {200, 301, 302}
        return
    assert response.status_code == 302, f"{path} answered {response.status_code} to an anonymous visitor"
    assert response["Location"].startswith("/sign-in/?next="), f"{path} did not send the visitor to sign in"


@pytest.mark.django_db
def test_admin_needs_staff_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_walk_finds_the_pages():
    names = {name for _, name in (param.values for param in project_routes())}
    assert {"home", "login", "logout", "district_list", "district_detail"} <= names


@pytest.mark.parametrize(("path", "name"), list(project_routes()))
@pytest.mark.django_db
def test_every_view_refuses_methods_it_does_not_handle(client, admin_client, path, name):
    """Each view says which methods it takes (GET, or GET and POST, or POST); PUT is never one."""
    public = name in PUBLIC_URL_NAMES or path in PUBLIC_PATHS
    response = (client if public else admin_client).generic("PUT", path)
    assert response.status_code == 405, f"{path} answered {response.status_code} to PUT"
