from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import DatePrecision, Finding, Inspection, SubJudgement
from tests.factories import make_finding, make_inspection, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def inspection(db):
    inspection = make_inspection(title="Thematic Inspection of CSE", kind=Inspection.Kind.THEMATIC)
    inspection.report_file.save("cse-report.pdf", SimpleUploadedFile("cse-report.pdf", b"%PDF-1.4 report"))
    return inspection


@pytest.fixture
def finding(inspection):
    return make_finding(inspection, reference="KO1", kind=Finding.Kind.KEY_OBSERVATION, text="In the 18 cases.")


@pytest.fixture
def sub_judgement(inspection):
    return SubJudgement.objects.create(inspection=inspection, area="Adoption", judgement="good")


# name, how to build its arguments, allowed methods, whether it writes
VIEWS = [
    ("inspection_list", lambda i, f, s: [], {"GET"}, False),
    ("improvement_journey", lambda i, f, s: [], {"GET"}, False),
    ("inspection_detail", lambda i, f, s: [i.pk], {"GET"}, False),
    ("inspection_report", lambda i, f, s: [i.pk], {"GET"}, False),
    ("finding_detail", lambda i, f, s: [i.pk, f.pk], {"GET"}, False),
    ("inspection_create", lambda i, f, s: [], {"GET", "POST"}, True),
    ("inspection_edit", lambda i, f, s: [i.pk], {"GET", "POST"}, True),
    ("inspection_delete", lambda i, f, s: [i.pk], {"GET", "POST"}, True),
    ("sub_judgement_add", lambda i, f, s: [i.pk], {"GET", "POST"}, True),
    ("sub_judgement_delete", lambda i, f, s: [i.pk, s.pk], {"POST"}, True),
    ("finding_add", lambda i, f, s: [i.pk], {"GET", "POST"}, True),
    ("finding_bulk_add", lambda i, f, s: [i.pk], {"GET", "POST"}, True),
    ("finding_edit", lambda i, f, s: [i.pk, f.pk], {"GET", "POST"}, True),
    ("finding_move", lambda i, f, s: [i.pk, f.pk], {"POST"}, True),
    ("finding_delete", lambda i, f, s: [i.pk, f.pk], {"GET", "POST"}, True),
]
VIEW_IDS = [view[0] for view in VIEWS]


@pytest.fixture
def url_for(inspection, finding, sub_judgement):
    def build(name, args_for):
        return reverse(name, args=args_for(inspection, finding, sub_judgement))

    return build


def send(client, method, url):
    return client.generic(method, url) if method not in {"GET", "POST"} else getattr(client, method.lower())(url)


@pytest.mark.parametrize(("name", "args_for", "methods", "writes"), VIEWS, ids=VIEW_IDS)
def test_anonymous_people_are_sent_to_sign_in(client, url_for, name, args_for, methods, writes):
    url = url_for(name, args_for)
    for method in methods:
        response = send(client, method, url)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(("name", "args_for", "methods", "writes"), VIEWS, ids=VIEW_IDS)
def test_outsiders_get_not_found(outsider_client, url_for, name, args_for, methods, writes):
    url = url_for(name, args_for)
    for method in methods:
        assert send(outsider_client, method, url).status_code == 404


@pytest.mark.parametrize(("name", "args_for", "methods", "writes"), VIEWS, ids=VIEW_IDS)
@pytest.mark.parametrize("reader", ["viewer_client", "clerk_client"])
def test_readers_read_but_cannot_write(request, reader, url_for, name, args_for, methods, writes):
    client = request.getfixturevalue(reader)
    url = url_for(name, args_for)
    for method in methods:
        response = send(client, method, url)
        assert response.status_code == (403 if writes else 200), (method, url)
    assert Inspection.objects.count() == 1
    assert Finding.objects.count() == 1
    assert SubJudgement.objects.count() == 1


@pytest.mark.parametrize(("name", "args_for", "methods", "writes"), VIEWS, ids=VIEW_IDS)
def test_wrong_methods_are_refused(pm_client, url_for, name, args_for, methods, writes):
    url = url_for(name, args_for)
    for method in {"GET", "POST", "PUT", "DELETE"} - methods:
        assert send(pm_client, method, url).status_code == 405, method


@pytest.mark.parametrize(
    ("name", "args_for", "methods", "writes"),
    [v for v in VIEWS if "GET" in v[2]],
    ids=[v[0] for v in VIEWS if "GET" in v[2]],
)
@pytest.mark.parametrize("writer", ["pm_client", "director_client"])
def test_project_managers_and_directors_open_every_page(request, writer, url_for, name, args_for, methods, writes):
    response = request.getfixturevalue(writer).get(url_for(name, args_for))
    assert response.status_code == 200


# --- Inspections -----------------------------------------------------------------


def inspection_data(**overrides) -> dict:
    data = {
        "kind": "thematic",
        "body": "Ofsted",
        "title": "Thematic inspection of missing children",
        "status": "awaiting_report",
        "started_on_0": "13",
        "started_on_1": "10",
        "started_on_2": "2014",
        "ended_on_0": "17",
        "ended_on_1": "10",
        "ended_on_2": "2014",
        "published_on_0": "",
        "published_on_1": "",
        "published_on_2": "",
        "publication_expected": "November 2014",
        "expected_report": "joint national report",
        "judgement": "",
        "summary": "Verbal feedback only.",
        "report_url": "",
        "action_plan_submitted_on_0": "",
        "action_plan_submitted_on_1": "",
        "action_plan_submitted_on_2": "",
    }
    data.update(overrides)
    return data


def test_a_project_manager_records_an_inspection(pm_client, project_manager):
    response = pm_client.post(reverse("inspection_create"), inspection_data())
    inspection = Inspection.objects.get(title="Thematic inspection of missing children")
    assert response.status_code == 302
    assert response["Location"] == inspection.get_absolute_url()
    assert inspection.started_on == date(2014, 10, 13)
    assert inspection.ended_on == date(2014, 10, 17)
    assert inspection.history.get().history_user == project_manager


def test_a_start_date_of_month_and_year_is_kept_as_such(pm_client):
    pm_client.post(
        reverse("inspection_create"),
        inspection_data(
            started_on_0="", started_on_1="7", started_on_2="2014", ended_on_0="", ended_on_1="", ended_on_2=""
        ),
    )
    inspection = Inspection.objects.get()
    assert (inspection.started_on, inspection.started_precision) == (date(2014, 7, 1), DatePrecision.MONTH)
    assert inspection.dates_display == "July 2014"


def test_editing_keeps_a_date_known_only_to_the_month(pm_client):
    inspection = make_inspection(started_on=date(2014, 7, 1), started_precision=DatePrecision.MONTH)
    url = reverse("inspection_edit", args=[inspection.pk])
    form = pm_client.get(url).context["form"]
    assert form["started_on"].value() == [None, 7, 2014]
    page = pm_client.get(url).content.decode()
    assert '<input type="text" name="started_on_0" class=' in page  # the day box is empty
    assert 'name="started_on_1" value="7"' in page
    data = inspection_data(
        started_on_0="", started_on_1="7", started_on_2="2014", ended_on_0="", ended_on_1="", ended_on_2=""
    )
    assert pm_client.post(url, data).status_code == 302
    inspection.refresh_from_db()
    assert inspection.started_precision == DatePrecision.MONTH


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ended_on_0": "12"}, "The end date must be the same as or after the start date."),
        (
            {"published_on_0": "1", "published_on_1": "10", "published_on_2": "2014"},
            "The date published must be the same as or after the start date.",
        ),
        ({"judgement": "adequate"}, "Adequate was not on Ofsted&#x27;s scale from 4 November 2013."),
        (
            {
                "started_on_0": "1",
                "started_on_1": "8",
                "started_on_2": "2013",
                "ended_on_2": "2013",
                "judgement": "good",
            },
            None,
        ),
        ({"started_on_0": "31", "started_on_1": "2"}, "Enter a real date, for example 13 10 2014."),
        ({"started_on_0": "", "started_on_1": "", "started_on_2": ""}, "Enter the start date: at least the year."),
        ({"title": ""}, "Enter the title, for example Fostering Services."),
        ({"kind": ""}, "Choose the kind of inspection or review."),
        ({"report_url": "not a link"}, "Enter a web address"),
    ],
)
def test_bad_inspection_input_is_refused_with_a_message(pm_client, overrides, message):
    response = pm_client.post(reverse("inspection_create"), inspection_data(**overrides))
    if message is None:  # a control: a valid pre-2013 judgement is accepted
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not Inspection.objects.exists()


def test_editing_an_inspection_is_recorded_in_its_history(director_client, director, inspection):
    data = inspection_data(
        title="Renamed", status="published", published_on_0="1", published_on_1="12", published_on_2="2014"
    )
    response = director_client.post(reverse("inspection_edit", args=[inspection.pk]), data)
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.title == "Renamed"
    page = director_client.get(inspection.get_absolute_url()).content.decode()
    assert "History of changes" in page
    assert f"Changed by {director}" in page


def test_a_bad_edit_changes_nothing(pm_client, inspection):
    response = pm_client.post(
        reverse("inspection_edit", args=[inspection.pk]), inspection_data(title="X", ended_on_0="1")
    )
    assert response.status_code == 400
    inspection.refresh_from_db()
    assert inspection.title == "Thematic Inspection of CSE"


def test_the_report_is_downloaded_through_a_checked_view(pm_client, inspection):
    response = pm_client.get(reverse("inspection_report", args=[inspection.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cse-report.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_no_report_file_is_not_found(pm_client):
    other = make_inspection()
    assert pm_client.get(reverse("inspection_report", args=[other.pk])).status_code == 404


def test_a_report_file_is_uploaded_with_the_form(pm_client, media_root):
    upload = SimpleUploadedFile("fostering.pdf", b"%PDF-1.4 fostering", content_type="application/pdf")
    response = pm_client.post(reverse("inspection_create"), {**inspection_data(), "report_file": upload})
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.report_filename == "fostering.pdf"
    assert (media_root / inspection.report_file.name).read_bytes() == b"%PDF-1.4 fostering"


def test_a_report_of_the_wrong_type_is_refused(pm_client):
    upload = SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream")
    response = pm_client.post(reverse("inspection_create"), {**inspection_data(), "report_file": upload})
    assert response.status_code == 400
    assert not Inspection.objects.exists()


def test_the_detail_page_shows_judgements_findings_and_the_clock(viewer_client, inspection, finding, sub_judgement):
    viewer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-US"  # dates stay English, whatever the browser asks
    inspection.action_plan_required = True
    inspection.published_on = date(2014, 11, 3)
    inspection.save()
    page = viewer_client.get(inspection.get_absolute_url()).content.decode()
    assert "Adoption" in page and "Good" in page
    assert "Key observation (1)" in page
    assert "In the 18 cases." in page
    assert "Due 12 February 2015" in page
    assert "Published 3 November 2014" in page
    assert "Overdue" in page
    assert "Add a finding" not in page  # readers get no forms
    assert "Move up" not in page


def test_deleting_an_inspection_asks_first_then_deletes(pm_client, inspection, finding):
    url = reverse("inspection_delete", args=[inspection.pk])
    page = pm_client.get(url).content.decode()
    assert "Are you sure you want to delete" in page
    assert Inspection.objects.filter(pk=inspection.pk).exists()
    response = pm_client.post(url)
    assert response.status_code == 302
    assert not Inspection.objects.filter(pk=inspection.pk).exists()
    assert not Finding.objects.filter(pk=finding.pk).exists()


def test_deleting_an_inspection_whose_findings_are_answered_is_refused(pm_client, inspection, finding, monkeypatch):
    monkeypatch.setattr(Inspection, "deletion_blockers", lambda self: ["2 actions refer to its findings."])
    url = reverse("inspection_delete", args=[inspection.pk])
    assert "You cannot delete this inspection" in pm_client.get(url).content.decode()
    response = pm_client.post(url)
    assert response.status_code == 409
    assert "2 actions refer to its findings." in response.content.decode()
    assert Inspection.objects.filter(pk=inspection.pk).exists()


def test_the_journey_page_has_a_chart_with_alt_text_and_a_table(viewer_client, inspection):
    page = viewer_client.get(reverse("improvement_journey")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'alt="Timeline of 1 inspections and reviews from 2014 to 2014.' in page
    assert "<table" in page and "Thematic Inspection of CSE" in page


# --- Sub-judgements ----------------------------------------------------------


def test_adding_a_sub_judgement(pm_client, inspection):
    response = pm_client.post(
        reverse("sub_judgement_add", args=[inspection.pk]), {"area": "Children in care", "judgement": "good"}
    )
    assert response.status_code == 302
    assert inspection.sub_judgements.get().area == "Children in care"


def test_a_sub_judgement_off_the_scale_is_refused(pm_client, inspection):
    response = pm_client.post(
        reverse("sub_judgement_add", args=[inspection.pk]), {"area": "Children in care", "judgement": "adequate"}
    )
    assert response.status_code == 400
    assert not inspection.sub_judgements.exists()


def test_removing_a_sub_judgement(pm_client, inspection, sub_judgement):
    response = pm_client.post(reverse("sub_judgement_delete", args=[inspection.pk, sub_judgement.pk]))
    assert response.status_code == 302
    assert not SubJudgement.objects.exists()


# --- Findings ------------------------------------------------------------------


def test_adding_a_finding_numbers_it(pm_client, inspection):
    response = pm_client.post(
        reverse("finding_add", args=[inspection.pk]),
        {"kind": "recommendation", "reference": "", "priority": "high", "text": " Improve return interviews. "},
    )
    assert response.status_code == 302
    finding = inspection.findings.get()
    assert (finding.reference, finding.text, finding.priority) == ("R1", "Improve return interviews.", "high")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "recommendation", "reference": "", "text": "   "}, "Enter the finding&#x27;s text"),
        ({"kind": "recommendation", "reference": "KO1", "text": "Duplicate"}, "already KO1"),
    ],
)
def test_bad_findings_are_refused(pm_client, inspection, finding, data, message):
    response = pm_client.post(reverse("finding_add", args=[inspection.pk]), {"priority": "", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert inspection.findings.count() == 1


def test_pasting_findings_one_per_line(pm_client, inspection, finding):
    text = (
        "• Improve the quality of return interviews.\r\n"
        "2. Agree a CSE work plan.\r\n"
        "(3) Analyse activity across the county.\r\n"
    )
    response = pm_client.post(
        reverse("finding_bulk_add", args=[inspection.pk]), {"kind": "recommendation", "priority": "", "text": text}
    )
    assert response.status_code == 302
    pasted = list(inspection.findings.filter(kind="recommendation").values_list("reference", "text"))
    assert pasted == [
        ("R1", "Improve the quality of return interviews."),
        ("R2", "Agree a CSE work plan."),
        ("R3", "Analyse activity across the county."),
    ]
    assert inspection.findings.get(reference="R3").history.count() == 1


def test_a_paste_with_blank_lines_saves_nothing(pm_client, inspection):
    text = "First finding.\n\nSecond finding.\n   \nThird."
    response = pm_client.post(
        reverse("finding_bulk_add", args=[inspection.pk]), {"kind": "recommendation", "priority": "", "text": text}
    )
    assert response.status_code == 400
    assert "Lines 2, 4 are blank." in response.content.decode()
    assert not inspection.findings.exists()


def test_an_empty_paste_is_refused(pm_client, inspection):
    response = pm_client.post(
        reverse("finding_bulk_add", args=[inspection.pk]), {"kind": "recommendation", "priority": "", "text": " \n "}
    )
    assert response.status_code == 400
    assert "Paste at least one finding." in response.content.decode()


def test_editing_a_finding_keeps_its_reference(pm_client, inspection, finding):
    response = pm_client.post(
        reverse("finding_edit", args=[inspection.pk, finding.pk]),
        {"kind": "key_observation", "reference": "", "priority": "", "text": "In the 18 cases tracked."},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.reference, finding.text) == ("KO1", "In the 18 cases tracked.")


def test_moving_findings_with_buttons(pm_client, inspection, finding):
    second = make_finding(inspection, reference="KO2", kind=Finding.Kind.KEY_OBSERVATION, position=finding.position + 1)
    url = reverse("finding_move", args=[inspection.pk, second.pk])
    response = pm_client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert list(inspection.findings.values_list("reference", flat=True)) == ["KO2", "KO1"]
    assert pm_client.post(url, {"direction": "sideways"}).status_code == 400


def test_a_finding_of_another_inspection_is_not_found(pm_client, inspection, finding):
    other = make_inspection()
    assert pm_client.get(reverse("finding_detail", args=[other.pk, finding.pk])).status_code == 404


def test_deleting_a_finding(pm_client, project_manager, inspection, finding):
    response = pm_client.post(reverse("finding_delete", args=[inspection.pk, finding.pk]))
    assert response.status_code == 302
    assert not inspection.findings.exists()
    # The inspection's page still says who deleted it.
    page = pm_client.get(inspection.get_absolute_url()).content.decode()
    assert "Deleted: Finding KO1" in page
    assert str(project_manager) in page


# --- The list ------------------------------------------------------------------


@pytest.fixture
def several(db):
    return [
        make_inspection(
            title="Fostering Services", started_on=date(2012, 7, 1), judgement="adequate", status="published"
        ),
        make_inspection(
            title="Annex A Peer Review", kind="peer_review", body="West Sussex", started_on=date(2014, 10, 1)
        ),
        make_inspection(title="Improvement Notice", kind="intervention", body="DfE", started_on=date(2011, 1, 1)),
    ]


def titles(response) -> list[str]:
    return [inspection.title for inspection in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Annex A Peer Review", "Fostering Services", "Improvement Notice"]),
        ("?kind=peer_review", ["Annex A Peer Review"]),
        ("?body=DfE", ["Improvement Notice"]),
        ("?year=2012", ["Fostering Services"]),
        ("?judgement=adequate", ["Fostering Services"]),
        ("?status=published", ["Fostering Services"]),
        ("?sort=title", ["Annex A Peer Review", "Fostering Services", "Improvement Notice"]),
        ("?sort=-title", ["Improvement Notice", "Fostering Services", "Annex A Peer Review"]),
        ("?sort=started_on", ["Improvement Notice", "Fostering Services", "Annex A Peer Review"]),
        ("?sort=nonsense", ["Annex A Peer Review", "Fostering Services", "Improvement Notice"]),
    ],
)
def test_the_list_filters_and_sorts(viewer_client, several, query, expected):
    response = viewer_client.get(reverse("inspection_list") + query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("query", ["?kind=castle", "?year=1066", "?judgement=splendid"])
def test_a_filter_value_off_the_list_is_refused_with_a_message(viewer_client, several, query):
    response = viewer_client.get(reverse("inspection_list") + query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Choose one of the options in the list." in response.content.decode()
    assert titles(response) == []


def test_the_list_is_paginated(viewer_client):
    for number in range(30):
        make_inspection(title=f"Visit {number:02}")
    first = viewer_client.get(reverse("inspection_list") + "?sort=title")
    second = viewer_client.get(reverse("inspection_list") + "?sort=title&page=2")
    assert len(titles(first)) == 25
    assert titles(second) == [f"Visit {number}" for number in range(25, 30)]
    assert "govuk-pagination" in first.content.decode()


def test_the_list_shows_the_statutory_clock(viewer_client):
    make_inspection(action_plan_required=True, published_on=date(2014, 11, 3), started_on=date(2014, 10, 1))
    page = viewer_client.get(reverse("inspection_list")).content.decode()
    assert "Overdue" in page
    assert "working days overdue" in page


def test_only_writers_see_the_record_button(pm_client, viewer_client):
    assert "Record an inspection" in pm_client.get(reverse("inspection_list")).content.decode()
    assert "Record an inspection" not in viewer_client.get(reverse("inspection_list")).content.decode()


def test_an_administrator_sets_the_statutory_clock_per_kind(client):
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:inspections_statutoryclock_add"), {"kind": "focused", "working_days": "20"}, follow=True
    )
    assert response.status_code == 200
    inspection = make_inspection(kind="focused", action_plan_required=True, published_on=date(2014, 11, 3))
    assert inspection.action_plan_due_on == date(2014, 12, 1)


def test_an_action_answering_a_finding_blocks_the_inspections_deletion(pm_client, inspection, finding):
    from tests.factories import make_action

    make_action(findings=[finding], title="Answer the recommendation")
    url = reverse("inspection_delete", args=[inspection.pk])
    response = pm_client.post(url)
    assert response.status_code == 409
    assert "1 action refers to its findings." in response.content.decode()
    assert Inspection.objects.filter(pk=inspection.pk).exists()
    assert Finding.objects.filter(pk=finding.pk).exists()
