from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# The primary navigation: (label, URL name). A section appears once its app
# provides the URL, so the navigation never points at a page that is not there.
PRIMARY_NAVIGATION = [
    ("Dashboard", "home"),
    ("Inspections", "inspection_list"),
    ("Improvement plan", "plan_list"),
    ("Districts", "district_list"),
    ("Committee papers", "paper_list"),
]


def primary_navigation(path: str) -> list[dict]:
    items = []
    for label, url_name in PRIMARY_NAVIGATION:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return items


def service(request: HttpRequest) -> dict:
    return {
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SERVICE_NAME": settings.SERVICE_NAME,
        "primary_navigation": primary_navigation(request.path),
    }
