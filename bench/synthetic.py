"""Synthetic data for the benchmark, generated with bulk inserts.

``generate(size)`` brings the database to ``size`` actions (adding to what is
there) and returns what the page list needs; ``pages(context)`` names the pages
to time at that size.
"""

from django.contrib.auth.models import Group

from bench import synthetic_inspections
from organisation import roles
from organisation.demo import load_districts
from organisation.models import User

# Which user requests each page (default: the assistant director).
PAGE_USERS = {"admin_changelist": "admin", "inspection_admin_changelist": "admin"}


def _users() -> dict[str, User]:
    load_districts()
    director, _ = User.objects.get_or_create(username="bench-director", defaults={"first_name": "Bench"})
    director.groups.set([Group.objects.get(name=roles.ASSISTANT_DIRECTOR)])
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Admin"}
    )
    return {"director": director, "admin": admin}


def generate(size: int) -> dict:
    synthetic_inspections.generate(size)
    return {"size": size, "users": _users()}


def pages(context: dict) -> dict[str, str]:
    return {
        "baseline": "/baseline/",
        "home": "/",
        "district_list": "/districts/",
        **synthetic_inspections.pages(),
    }
