"""Readable change history from django-simple-history records.

``history_entries(obj)`` answers who changed what and when, field by field,
with values as people read them (choice labels, names of related objects).
It makes one query for the records and one per related model named in them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models

KIND_LABELS = {"+": "Created", "~": "Changed", "-": "Deleted"}
HIDDEN_FIELDS = {"id", "version"}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _tracked_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.attname not in HIDDEN_FIELDS]


def _related_names(model, records) -> dict[str, dict]:
    """For each foreign key, the display names of the objects the records point at."""
    names: dict[str, dict] = {}
    wanted: dict[models.Field, set] = defaultdict(set)
    for f in _tracked_fields(model):
        if f.is_relation:
            for record in records:
                value = getattr(record, f.attname, None)
                if value is not None:
                    wanted[f].add(value)
    for f, ids in wanted.items():
        related = f.related_model._default_manager.in_bulk(ids)
        names[f.attname] = {pk: str(obj) for pk, obj in related.items()}
    return names


def _display(f: models.Field, value, related: dict[str, dict]) -> str:
    if value is None or value == "":
        return "(blank)"
    if f.is_relation:
        return related.get(f.attname, {}).get(value, f"(removed #{value})")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y") if not isinstance(value, datetime) else value.strftime("%-d %B %Y, %H:%M")
    return str(value)


def history_entries(instance, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` changes to ``instance``, newest first. Hits the database."""
    model = type(instance)
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    related = _related_names(model, records)
    fields = _tracked_fields(model)
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        entry = HistoryEntry(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else "the system",
            kind=KIND_LABELS.get(record.history_type, "Changed"),
            reason=record.history_change_reason or "",
        )
        for f in fields:
            after = getattr(record, f.attname)
            before = getattr(older, f.attname) if older is not None else None
            if older is None and record.history_type == "+" and after in (None, ""):
                continue
            if older is None or before != after:
                entry.changes.append(
                    Change(
                        label=str(f.verbose_name).capitalize(),
                        before=_display(f, before, related) if older is not None else "",
                        after=_display(f, after, related),
                    )
                )
        entries.append(entry)
    return entries
