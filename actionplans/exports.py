"""The filtered action list as CSV or XLSX, with formula-like cells neutralised."""

import csv
import io
from collections.abc import Iterator
from datetime import date

from openpyxl import Workbook

from improvement.spreadsheets import neutralise

COLUMNS = [
    ("Plan", lambda a: a.plan.title),
    ("Ref", lambda a: a.reference),
    ("Theme", lambda a: str(a.theme)),
    ("District", lambda a: a.district.name if a.district else "Countywide"),
    ("Action", lambda a: a.title),
    ("Lead officer", lambda a: a.lead_officer_name),
    ("Lead officer's job title", lambda a: a.lead_officer_title),
    ("Start date", lambda a: a.starts_on),
    ("Due date", lambda a: a.due_on),
    ("Revised due date", lambda a: a.revised_due_on),
    ("Reason for revision", lambda a: a.revision_reason),
    ("Status", lambda a: a.get_status_display()),
    ("RAG", lambda a: a.rag.label),
    ("Why", lambda a: a.rag_reason),
    ("Progress", lambda a: a.progress),
    ("Success measure", lambda a: a.success_measure),
    ("Evidence of impact", lambda a: a.evidence_of_impact),
]


def rows(actions):
    for action in actions:
        yield [neutralise(cell(action)) for _, cell in COLUMNS]


class _Echo:
    """A file-like object whose write returns what it is given, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def as_csv(actions) -> Iterator[str]:
    """The CSV, line by line, so that a long list streams instead of building up in memory."""
    writer = csv.writer(_Echo())
    # A byte-order mark lets Excel read the file as UTF-8.
    yield "\ufeff" + writer.writerow([name for name, _ in COLUMNS])
    for row in rows(actions):
        yield writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row])


def as_xlsx(actions) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    sheet.append([name for name, _ in COLUMNS])
    for row in rows(actions):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
