"""Synthetic inspections for the benchmark: one inspection with 20 findings per 20 actions."""

from datetime import date, timedelta

from inspections.models import Finding, Inspection

FINDINGS_EACH = 20


def generate(size: int) -> None:
    """Brings the database to ``size // 20`` inspections (at least 5), each with 20 findings."""
    wanted = max(5, size // FINDINGS_EACH)
    have = Inspection.objects.count()
    if have >= wanted:
        return
    kinds = list(Inspection.Kind)
    new = Inspection.objects.bulk_create(
        Inspection(
            kind=kinds[number % len(kinds)],
            body=f"Body {number % 9}",
            title=f"Bench inspection {number:06}",
            started_on=date(2005, 1, 1) + timedelta(days=number),
            published_on=date(2005, 2, 1) + timedelta(days=number),
            status=Inspection.Status.PUBLISHED,
            judgement="good",
            action_plan_required=number % 2 == 0,
        )
        for number in range(have, wanted)
    )
    Finding.objects.bulk_create(
        Finding(
            inspection=inspection,
            kind=Finding.Kind.RECOMMENDATION,
            reference=f"R{position + 1}",
            text=f"Recommendation {position + 1} of {inspection.title}.",
            position=position,
        )
        for inspection in new
        for position in range(FINDINGS_EACH)
    )


def pages() -> dict[str, str]:
    first = Inspection.objects.order_by("pk").values_list("pk", flat=True).first()
    return {
        "inspection_list": "/inspections/",
        "inspection_list_filtered": "/inspections/?status=published&sort=-published_on&page=2",
        "inspection_admin_changelist": "/admin/inspections/inspection/",
        "inspection_detail": f"/inspections/{first}/",
        "improvement_journey": "/inspections/journey/",
    }
