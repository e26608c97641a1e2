"""Demo districts and people, for local runs and tests only."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import Group

from organisation import roles
from organisation.models import District, User
from organisation.reference import KENT_DISTRICTS

DEFAULT_DEMO_PASSWORD = "improve-kent-2014"  # noqa: S105 - printed for local use


class DemoPerson(NamedTuple):
    first_name: str
    last_name: str
    job_title: str
    role: str
    districts: list[str]


DEMO_PEOPLE = {
    "pm": DemoPerson("Priya", "Mehta", "District Project Manager", roles.PROJECT_MANAGER, ["Ashford", "Canterbury"]),
    "countypm": DemoPerson(
        "Tom", "Hayes", "Project Manager, Specialist Children's Services", roles.PROJECT_MANAGER, []
    ),
    "director": DemoPerson(
        "Sarah",
        "Okafor",
        "Assistant Director for Safeguarding and Quality Assurance",
        roles.ASSISTANT_DIRECTOR,
        [],
    ),
    "clerk": DemoPerson("James", "Whitfield", "Democratic Services Officer", roles.COMMITTEE_CLERK, []),
    "viewer": DemoPerson("Margaret", "Lloyd", "Elected Member", roles.VIEWER, []),
}


def demo_password() -> str:
    return getattr(settings, "DEMO_PASSWORD", None) or DEFAULT_DEMO_PASSWORD


def load_districts() -> int:
    """Create the reference council's districts; returns how many were new."""
    created = 0
    for name in KENT_DISTRICTS:
        _, was_created = District.objects.get_or_create(slug=name.lower().replace(" ", "-"), defaults={"name": name})
        created += was_created
    return created


def load() -> dict[str, int]:
    districts_created = load_districts()
    password = demo_password()
    people_created = 0
    for username, demo in DEMO_PEOPLE.items():
        person, created = User.objects.get_or_create(username=username)
        person.first_name, person.last_name, person.job_title = demo.first_name, demo.last_name, demo.job_title
        person.email = f"{username}@example.org"
        person.set_password(password)
        person.save()
        person.groups.set([Group.objects.get(name=demo.role)])
        person.districts.set(District.objects.filter(name__in=demo.districts))
        people_created += created
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"first_name": "Ada", "last_name": "Admin", "is_staff": True, "is_superuser": True}
    )
    admin.set_password(password)
    admin.save()
    people_created += created
    return {"districts": districts_created, "people": people_created}
