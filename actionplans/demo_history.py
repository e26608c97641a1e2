"""Gives the demo's records a believable past, so dashboards read as at a 2014 date show change.

The demo loaders create each record in its final state, today. This pass rewrites
their history as it would have been written through 2014: each finding recorded
when its inspection reported, each action created at its start and changed at
each progress update, each update awaiting review until it was reviewed. It only
touches records whose history is still the single row the loader wrote, so it is
safe to run again. Demo data only.
"""

from datetime import date, datetime, time

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from actionplans.models import Action, ProgressUpdate
from inspections.models import Finding

# Before its final update an action had no override and no sign-off.
UNFINISHED = {
    "rag_override": "",
    "rag_override_reason": "",
    "signed_off_by_id": None,
    "signed_off_at": None,
    "sign_off_note": "",
}
CUT_OFF = 2015  # history written after this year is the loader's, not the demo's story


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _fresh(records) -> bool:
    return len(records) == 1 and records[0].history_date.year > CUT_OFF


def _backdate_findings() -> int:
    changed = 0
    for finding in Finding.objects.select_related("inspection"):
        records = list(finding.history.all())
        if not _fresh(records):
            continue
        inspection = finding.inspection
        day = inspection.published_on or inspection.ended_on or inspection.started_on
        records[0].history_date = at(day, 12)
        records[0].save(update_fields=["history_date"])
        changed += 1
    return changed


def _snapshot(action: Action, when: datetime, kind: str, **fields):
    values = {field.attname: getattr(action, field.attname) for field in Action._meta.concrete_fields}
    values.update(fields)
    return Action.history.model(**values, history_date=when, history_type=kind, history_change_reason="Demo history")


def _backdate_actions() -> int:
    links = apps.get_model("actionplans", "HistoricalAction_findings")
    changed = 0
    for action in Action.objects.prefetch_related("updates", "findings"):
        records = list(action.history.all())
        if not _fresh(records):
            continue
        updates = sorted(action.updates.all(), key=lambda update: (update.dated, update.pk))
        start = min([action.starts_on, *(update.dated for update in updates)])
        history = [_snapshot(action, at(start, 9), "+", status="not_started", progress=0, **UNFINISHED)]
        for number, update in enumerate(updates, start=1):
            last = number == len(updates)
            state = {} if last else {"status": "in_progress", **UNFINISHED}
            history.append(_snapshot(action, at(update.dated, 17), "~", progress=update.progress, **state))
        if action.signed_off_at:
            history.append(_snapshot(action, action.signed_off_at, "~"))
        with transaction.atomic():
            records[0].delete()
            saved = Action.history.model.objects.bulk_create(history)
            finding_ids = [finding.pk for finding in action.findings.all()]
            links.objects.bulk_create(
                links(history_id=record.history_id, action_id=action.pk, finding_id=finding_id)
                for record in saved
                for finding_id in finding_ids
            )
        changed += 1
    return changed


def _backdate_updates() -> int:
    changed = 0
    for update in ProgressUpdate.objects.all():
        records = list(update.history.all())
        if not _fresh(records):
            continue
        posted = records[0]
        with transaction.atomic():
            if update.reviewed_at:
                reviewed = ProgressUpdate.history.model.objects.get(pk=posted.pk)
                reviewed.pk = None
                reviewed.history_type = "~"
                reviewed.history_date = update.reviewed_at
                reviewed.save()
                posted.review_status = ProgressUpdate.ReviewStatus.AWAITING
                posted.reviewer_id, posted.reviewed_at, posted.review_comments = None, None, ""
            posted.history_date = at(update.dated, 17)
            posted.save()
        changed += 1
    return changed


def load() -> dict[str, int]:
    return {
        "findings given their history": _backdate_findings(),
        "actions given their history": _backdate_actions(),
        "updates given their history": _backdate_updates(),
    }
