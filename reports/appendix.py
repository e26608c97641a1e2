"""The action plan appendix: a plan or one district's sub-plan as a landscape table.

Each action is shown with its reference, title, lead officer, due date, RAG
rating in words and its latest progress update, grouped by theme, as the
appendix a committee paper carries.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string

from actionplans.models import Action, Plan, ProgressUpdate, Theme
from reports.rendering import pdf_from_document


@dataclass
class ThemeGroup:
    theme: Theme
    actions: list[Action]


def appendix_groups(plan: Plan) -> list[ThemeGroup]:
    """The plan's actions by theme, each with its latest update. Two queries."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-dated", "-created_at")
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("theme", "district")
        .annotate(
            latest_update=Subquery(latest.values("narrative")[:1]),
            latest_update_on=Subquery(latest.values("dated")[:1]),
        )
        .order_by("theme__number", "reference")
    )
    groups: dict[int, ThemeGroup] = {}
    for action in actions:
        groups.setdefault(action.theme_id, ThemeGroup(action.theme, [])).actions.append(action)
    return list(groups.values())


def appendix_document(plan: Plan) -> str:
    context = {
        "plan": plan,
        "groups": appendix_groups(plan),
        "title": f"Appendix: {plan.title}",
        "COUNCIL_NAME": settings.COUNCIL_NAME,
    }
    return render_to_string("reports/appendix_print.html", context)


def appendix_pdf(plan: Plan) -> bytes:
    """The appendix as a tagged PDF (PDF/UA-1), A4 landscape."""
    return pdf_from_document(appendix_document(plan))
