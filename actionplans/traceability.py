"""From findings to actions: which findings are answered, and how far each inspection is covered.

The inspections pages include ``actionplans/_finding_actions.html`` and
``actionplans/_coverage.html`` with what these functions return.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from actionplans.models import Action
from inspections.models import Finding

NEEDS_ACTION = [Finding.Kind.RECOMMENDATION, Finding.Kind.AREA_FOR_DEVELOPMENT]


@dataclass
class Coverage:
    """Of an inspection's recommendations (m): how many have an action (n); how many are signed off (k).

    A recommendation counts as signed off when it has actions and every one of them is signed off.
    """

    recommendations: int = 0
    with_action: int = 0
    signed_off: int = 0

    @property
    def without_action(self) -> int:
        return self.recommendations - self.with_action

    @property
    def complete(self) -> bool:
        return self.recommendations > 0 and self.with_action == self.recommendations


def coverage_by_inspection(inspection_ids=None) -> dict[int, Coverage]:
    """{inspection id: Coverage} for the given inspections (all when None), in one query."""
    findings = Finding.objects.filter(kind=Finding.Kind.RECOMMENDATION)
    if inspection_ids is not None:
        findings = findings.filter(inspection_id__in=list(inspection_ids))
    rows = findings.values("inspection_id", "pk").annotate(
        action_count=Count("actions"),
        signed_off_count=Count("actions", filter=Q(actions__status=Action.Status.SIGNED_OFF)),
    )
    result: dict[int, Coverage] = {}
    for row in rows:
        coverage = result.setdefault(row["inspection_id"], Coverage())
        coverage.recommendations += 1
        if row["action_count"]:
            coverage.with_action += 1
            if row["signed_off_count"] == row["action_count"]:
                coverage.signed_off += 1
    return result


def coverage_for(inspection) -> Coverage:
    """The Coverage of one inspection. One query."""
    return coverage_by_inspection([inspection.pk]).get(inspection.pk, Coverage())


def actions_by_finding(findings) -> dict[int, list[Action]]:
    """{finding id: [actions answering it, with plan and district loaded]}, in one query.

    Each action's ``rag`` property then needs no further query.
    """
    ids = [finding.pk for finding in findings]
    through = Action.findings.through.objects.filter(finding_id__in=ids).select_related(
        "action__plan", "action__district", "action__theme"
    )
    result: dict[int, list[Action]] = {finding_id: [] for finding_id in ids}
    for link in through.order_by("action__reference"):
        result[link.finding_id].append(link.action)
    return result


def unanswered_findings() -> QuerySet[Finding]:
    """Recommendations and areas for development that no action answers yet (lazy)."""
    return Finding.objects.filter(kind__in=NEEDS_ACTION, actions__isnull=True).order_by(
        "inspection__started_on", "inspection_id", "position", "pk"
    )


def links_for_findings(findings) -> tuple[dict[int, list[Action]], Coverage]:
    """The actions answering each of these findings, and the coverage of the recommendations among them.

    For a page that has already loaded an inspection's findings: one query for both.
    """
    findings = list(findings)
    by_finding = actions_by_finding(findings)
    coverage = Coverage()
    for finding in findings:
        if finding.kind != Finding.Kind.RECOMMENDATION:
            continue
        actions = by_finding.get(finding.pk, [])
        coverage.recommendations += 1
        if actions:
            coverage.with_action += 1
            coverage.signed_off += all(action.status == Action.Status.SIGNED_OFF for action in actions)
    return by_finding, coverage
