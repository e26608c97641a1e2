"""Importing a plan from a spreadsheet: preview, all-or-nothing, idempotent, and safe with bad files."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from actionplans.imports import TEMPLATE_HEADINGS
from actionplans.models import Action, ImportBatch
from tests.factories import make_action, make_plan, make_sub_plan, make_theme

pytestmark = pytest.mark.django_db

HEADINGS = ["Ref", "Theme", "District", "Action", "Lead officer", "Due date", "Status", "RAG", "Progress"]


@pytest.fixture
def sub_plan(district, settings):
    settings.AS_OF_DATE = date(2014, 12, 1)
    county = make_plan()
    make_theme(plan=county, number=1, title="Quality of Practice")
    make_theme(plan=county, number=2, title="Effective Front Door")
    return make_sub_plan(county, district)


def xlsx(rows, headings=HEADINGS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [
    ["ASH-1", 1, "Ashford", "Hold practice workshops", "Jo Bloggs", date(2015, 3, 31), "In progress", "Green", "70%"],
    [
        "ASH-2",
        "Effective Front Door",
        "",
        "Agree thresholds with schools",
        "Jo Bloggs",
        "31/01/2015",
        "Not started",
        "",
        0,
    ],
]


def send(client, plan, name, content):
    return client.post(reverse("import_upload"), {"plan": plan.pk, "file": SimpleUploadedFile(name, content)})


def preview_and_confirm(client, plan, name, content):
    response = send(client, plan, name, content)
    assert response.status_code == 302, response.text
    preview = client.get(response["Location"])
    return response["Location"], preview


def test_template_downloads(pm_client):
    response = pm_client.get(reverse("import_template"))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == TEMPLATE_HEADINGS


def test_ladder(client, viewer_client, pm_client, sub_plan):
    assert client.get(reverse("import_upload")).status_code == 302
    assert viewer_client.get(reverse("import_upload")).status_code == 403
    assert viewer_client.post(reverse("import_upload")).status_code == 403
    assert pm_client.put(reverse("import_upload")).status_code == 405
    assert pm_client.get(reverse("import_upload")).status_code == 200


def test_preview_then_confirm_then_again_changes_nothing(pm_client, project_manager, sub_plan):
    url, preview = preview_and_confirm(pm_client, sub_plan, "tracker.xlsx", xlsx(GOOD_ROWS))
    assert preview.status_code == 200
    assert preview.context["counts"] == {"create": 2, "change": 0, "same": 0}
    assert not Action.objects.exists()  # the preview writes nothing

    assert pm_client.post(url).status_code == 302
    first = Action.objects.get(reference="ASH-1")
    assert (first.progress, first.theme.number, first.district, first.due_on) == (
        70,
        1,
        sub_plan.district,
        date(2015, 3, 31),
    )
    assert first.rag_override == ""  # the sheet's Green matches the suggestion
    assert Action.objects.get(reference="ASH-2").theme.number == 2
    assert first.history.get().history_user == project_manager
    assert first.history.get().history_change_reason == "Imported from tracker.xlsx"

    url, preview = preview_and_confirm(pm_client, sub_plan, "tracker.xlsx", xlsx(GOOD_ROWS))
    assert preview.context["counts"] == {"create": 0, "change": 0, "same": 2}
    pm_client.post(url)
    assert Action.history.count() == 2  # nothing written the second time


def test_changed_rows_update_and_show_what_changes(pm_client, sub_plan):
    make_action(plan=sub_plan, theme=sub_plan.parent.themes.get(number=1), reference="ASH-1", progress=10)
    url, preview = preview_and_confirm(pm_client, sub_plan, "tracker.csv", csv_bytes(GOOD_ROWS[:1]))
    assert preview.context["counts"]["change"] == 1
    assert "10 → 70" in preview.text
    pm_client.post(url)
    action = Action.objects.get(reference="ASH-1")
    assert (action.progress, action.version) == (70, 2)


def csv_bytes(rows, headings=HEADINGS) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([value.strftime("%d/%m/%Y") if isinstance(value, date) else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def test_a_sheet_rag_that_differs_becomes_an_explained_override(pm_client, sub_plan):
    row = ["ASH-9", 1, "", "Late thing", "Jo", date(2015, 3, 31), "In progress", "Red", 70]
    url, _ = preview_and_confirm(pm_client, sub_plan, "tracker.xlsx", xlsx([row]))
    pm_client.post(url)
    action = Action.objects.get(reference="ASH-9")
    assert action.rag_override == "red"
    assert "tracker.xlsx" in action.rag_override_reason


def test_one_bad_row_means_nothing_is_written(pm_client, sub_plan):
    rows = [
        *GOOD_ROWS,
        ["ASH-3", 9, "", "Unknown theme", "Jo", date(2015, 3, 31), "In progress", "", 0],
        ["ASH-4", 1, "Narnia", "Unknown district", "Jo", date(2015, 3, 31), "In progress", "", 0],
        ["ASH-5", 1, "", "", "", "someday", "Finished", "Purple", 140],
        ["ASH-1", 1, "", "Duplicate ref", "Jo", date(2015, 3, 31), "In progress", "", 0],
        ["ASH-6", 1, "Thanet", "Wrong district", "Jo", date(2015, 3, 31), "In progress", "", 0],
    ]
    url, preview = preview_and_confirm(pm_client, sub_plan, "tracker.xlsx", xlsx(rows))
    assert preview.status_code == 400
    text = preview.content.decode()
    for message in [
        "Theme ‘9’ is not one of the plan’s themes",
        "District ‘Narnia’ is not one of the council’s districts",
        "Action is empty",
        "Lead officer is empty",
        "Due date ‘someday’ is not a date",
        "Status ‘finished’ is not one the tracker knows",
        "RAG ‘purple’ must be Red, Amber, Green or Blue",
        "Progress 140 must be from 0 to 100",
        "Ref ASH-1 appears more than once in the file",
    ]:
        assert message in text, message
    assert pm_client.post(url).status_code == 400
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.xlsx", b"not a zip at all", "not a real Excel"),
        ("plan.docx", b"PK", "must be an Excel workbook"),
        ("plan.xlsx", None, "expands too much"),
        ("plan.csv", b"Ref,Theme\n1,1\n", "missing: Action, Lead officer, Due date"),
        ("plan.csv", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_message(pm_client, sub_plan, name, content, message):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
        content = buffer.getvalue()
    response = send(pm_client, sub_plan, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_project_managers_import_only_into_their_plans(pm_client, sub_plan, other_district):
    other = make_sub_plan(sub_plan.parent, other_district)
    response = send(pm_client, other, "tracker.xlsx", xlsx(GOOD_ROWS))
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


def test_someone_elses_preview_is_404(pm_client, director_client, sub_plan):
    response = send(pm_client, sub_plan, "tracker.xlsx", xlsx(GOOD_ROWS))
    assert director_client.get(response["Location"]).status_code == 404
    assert director_client.post(response["Location"]).status_code == 404
    assert not Action.objects.exists()


def test_columns_the_sheet_lacks_leave_existing_values_alone(pm_client, sub_plan):
    existing = make_action(
        plan=sub_plan,
        theme=sub_plan.parent.themes.get(number=1),
        reference="ASH-1",
        title="Hold practice workshops",
        lead_officer_name="Jo Bloggs",
        lead_officer_title="Service Manager",
        starts_on=date(2014, 9, 1),
        due_on=date(2015, 3, 31),
        success_measure="Audits show improvement",
        progress=70,
        status="in_progress",
    )
    narrow = ["Ref", "Theme", "Action", "Lead officer", "Due date"]
    url, preview = preview_and_confirm(
        pm_client,
        sub_plan,
        "short.xlsx",
        xlsx([["ASH-1", 1, "Hold practice workshops", "Jo Bloggs", date(2015, 3, 31)]], narrow),
    )
    assert preview.context["counts"] == {"create": 0, "change": 0, "same": 1}
    pm_client.post(url)
    existing.refresh_from_db()
    assert (existing.lead_officer_title, existing.starts_on, existing.progress, existing.status) == (
        "Service Manager",
        date(2014, 9, 1),
        70,
        "in_progress",
    )
