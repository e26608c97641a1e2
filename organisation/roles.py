"""The roles people hold, as groups carrying Django permissions.

The mapping here is the single statement of who may do what; a post-migrate
hook keeps the groups in the database matching it.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

PROJECT_MANAGER = "Project manager"
ASSISTANT_DIRECTOR = "Assistant director"
COMMITTEE_CLERK = "Committee clerk"
VIEWER = "Viewer"

ROLE_NAMES = [PROJECT_MANAGER, ASSISTANT_DIRECTOR, COMMITTEE_CLERK, VIEWER]

# app_label.codename for each role. Reading is open to every signed-in person,
# so only the permissions to change things are listed. Later apps extend this.
# Inspections and their findings: recorded by project managers and assistant directors.
INSPECTION_WRITE = [
    "inspections.add_inspection",
    "inspections.change_inspection",
    "inspections.delete_inspection",
    "inspections.add_finding",
    "inspections.change_finding",
    "inspections.delete_finding",
]

PERFORMANCE_EDITING = [
    "performance.add_indicator",
    "performance.change_indicator",
    "performance.add_indicatorvalue",
    "performance.change_indicatorvalue",
]

# Committee papers: clerks and assistant directors compose (sections and blocks are
# part of a paper, so change_paper covers them) and publish.
PAPER_PERMISSIONS = ["reports.add_paper", "reports.change_paper", "reports.publish_paper"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    PROJECT_MANAGER: [
        *INSPECTION_WRITE,
        *PERFORMANCE_EDITING,
        "actionplans.add_action",
        "actionplans.change_action",
        "actionplans.add_progressupdate",
        "actionplans.add_evidencefile",
        "actionplans.import_actions",
    ],
    ASSISTANT_DIRECTOR: [
        *INSPECTION_WRITE,
        *PERFORMANCE_EDITING,
        *PAPER_PERMISSIONS,
        "actionplans.add_plan",
        "actionplans.change_plan",
        "actionplans.add_action",
        "actionplans.change_action",
        "actionplans.add_progressupdate",
        "actionplans.add_evidencefile",
        "actionplans.import_actions",
        "actionplans.sign_off_action",
        "actionplans.review_progressupdate",
    ],
    COMMITTEE_CLERK: [*PAPER_PERMISSIONS],
    VIEWER: [],
}


def sync_role_groups(sender=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """Create the role groups and set their permissions to match ROLE_PERMISSIONS.

    Permissions whose app has not been migrated yet are skipped; the hook runs
    again after the next migration.
    """
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)
