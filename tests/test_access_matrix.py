"""Every URL × every role × GET and POST, generated from the URLconf over the demo council.

For each pair it checks the rules that hold everywhere: nobody ever gets a server
error; people not signed in are sent to sign in; people without a role and
readers (viewers) change nothing, whatever they post, extra fields included;
and a district project manager cannot reach another district's action forms.
Each app's own tests check the finer rules of each view.
"""

import io
import re
import uuid

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from actionplans.models import Action, Plan, ProgressUpdate, Theme
from improvement.freshness import data_stamp
from inspections.models import Inspection, SubJudgement
from organisation.models import District, User
from performance.models import Indicator
from reports.models import Paper, PublishedVersion
from tests.factories import make_user

PUBLIC = {"login", "accessibility", "health"}
PUBLIC_PATHS = {"/favicon.ico"}
# Views that change the person's own account, which every signed-in person may do.
SELF_SERVICE = {"logout", "reminder_settings", "password_change"}
# Extra fields a reader might post to try to set what they may not.
TAMPERING = {"status": "signed_off", "rag_override": "green", "is_superuser": "on", "version": "999"}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and not prefix.startswith("admin/"):
            yield prefix + str(entry.pattern), entry.name


def fill(route: str, world: dict) -> str:
    """The route with real objects of the demo council in it."""
    values = {
        "pk": world["pk_for"](route),
        "plan_pk": world["plan"].pk,
        "finding_pk": world["finding"].pk,
        "sub_pk": world["sub_judgement_pk"],
        "section_pk": world["section"].pk,
        "block_pk": world["block"].pk,
        "number": world["version_number"],
        "slug": world["district"].slug,
        "kind": "inspection_history",
        "token": str(uuid.uuid4()),
    }

    def replace(match):
        name = match.group(2)
        return str(values.get(name, 1))

    return "/" + re.sub(r"<(\w+:)?(\w+)>", replace, route)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        paper = Paper.objects.first()
        section = paper.sections.first()
        inspection = Inspection.objects.filter(findings__isnull=False).first()
        thanet = District.objects.get(slug="thanet")
        world = {
            "plan": Plan.objects.get(parent__isnull=True),
            "action": Action.objects.filter(district__slug="thanet").first(),
            "inspection": inspection,
            "finding": inspection.findings.first(),
            "sub_judgement_pk": getattr(SubJudgement.objects.first(), "pk", 1),
            "paper": paper,
            "section": section,
            "block": section.blocks.first() or paper.sections.last().blocks.first(),
            "version_number": getattr(PublishedVersion.objects.filter(paper=paper).first(), "number", 1),
            "district": thanet,
            "update": ProgressUpdate.objects.filter(action__district=thanet).first(),
            "indicator": Indicator.objects.first(),
            "theme": Theme.objects.first(),
        }

        def pk_for(route: str) -> int:
            if route.startswith("plan/actions/"):
                return world["action"].pk
            if route.startswith("plan/updates/"):
                return world["update"].pk
            if route.startswith("plan/evidence/"):
                return 1
            if "/themes/" in route:
                return world["theme"].pk
            if route.startswith("plan/"):
                return world["plan"].pk
            if route.startswith("inspections/"):
                return world["inspection"].pk
            if route.startswith("papers/"):
                return world["paper"].pk
            if route.startswith("indicators/"):
                return world["indicator"].pk
            return 1

        world["pk_for"] = pk_for
        people = {
            "viewer": User.objects.get(username="viewer"),
            "clerk": User.objects.get(username="clerk"),
            "ashford_pm": User.objects.get(username="pm"),
            "no_role": make_user(username="nobody"),
        }
        world["people"] = people
        world["routes"] = [(route, name, fill(route, world)) for route, name in walk(get_resolver().url_patterns)]
        yield world
        call_command("flush", interactive=False, verbosity=0)


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_matrix_covers_the_whole_urlconf(world):
    assert len(world["routes"]) > 80


@pytest.mark.django_db
def test_nobody_gets_a_server_error_and_strangers_are_sent_to_sign_in(world):
    failures = []
    anonymous = client_for(None)
    for _route, name, path in world["routes"]:
        for method in ("get", "post"):
            response = getattr(anonymous, method)(path)
            if name in PUBLIC or path in PUBLIC_PATHS:
                if response.status_code >= 500:
                    failures.append(f"anonymous {method.upper()} {path}: {response.status_code}")
                continue
            if response.status_code != 302 or not response["Location"].startswith("/sign-in/"):
                failures.append(f"anonymous {method.upper()} {path}: {response.status_code}")
    for role, person in world["people"].items():
        client = client_for(person)
        for _route, name, path in world["routes"]:
            if name == "logout":
                continue
            for method in ("get", "post"):
                response = getattr(client, method)(path, TAMPERING if method == "post" else None)
                if response.status_code >= 500:
                    failures.append(f"{role} {method.upper()} {path}: {response.status_code}")
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "no_role"])
def test_readers_and_people_without_a_role_change_nothing(world, role):
    client = client_for(world["people"][role])
    before = data_stamp()
    allowed = []
    for _route, name, path in world["routes"]:
        if name in SELF_SERVICE | PUBLIC:
            continue
        response = client.post(path, TAMPERING)
        if response.status_code not in {400, 403, 404, 405}:
            allowed.append(f"POST {path}: {response.status_code}")
    assert allowed == []
    assert data_stamp() == before


@pytest.mark.django_db
def test_a_district_project_manager_cannot_reach_another_districts_action_forms(world):
    client = client_for(world["people"]["ashford_pm"])
    thanet_action = world["action"].pk
    before = data_stamp()
    for path in [
        f"/plan/actions/{thanet_action}/edit/",
        f"/plan/actions/{thanet_action}/updates/new/",
        f"/plan/actions/{thanet_action}/evidence/new/",
    ]:
        assert client.get(path).status_code == 404, path
        assert client.post(path, TAMPERING).status_code == 404, path
    assert data_stamp() == before


@pytest.mark.django_db
def test_every_post_without_a_csrf_token_is_refused(world):
    director = User.objects.get(username="director")
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(director)
    before = data_stamp()
    accepted = []
    for _route, name, path in world["routes"]:
        if name in PUBLIC - {"login"} or path in PUBLIC_PATHS:
            continue  # the health check and the accessibility statement take no POST at all
        response = client.post(path, TAMPERING)
        if response.status_code != 403:
            accepted.append(f"POST {path}: {response.status_code}")
    assert accepted == []
    assert data_stamp() == before
