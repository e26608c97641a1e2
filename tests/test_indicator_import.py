import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from audit.models import AuditEvent
from performance.models import Indicator, IndicatorValue
from tests.factories import make_indicator

pytestmark = pytest.mark.django_db


def csv_file(text: str, name: str = "values.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_file(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("values.xlsx", buffer.getvalue())


GOOD = "indicator,area,period,value\nCP01,Countywide,2014-10,96.4\nCP01,Ashford,Oct 2014,93.1%\n"


@pytest.fixture
def indicator(district):
    return make_indicator(reference="CP01", name="Visits within timescale")


def confirm(client, preview_page: str):
    token = re.search(r'name="token" value="([^"]+)"', preview_page).group(1)
    return client.post("/indicators/import/confirm/", {"token": token, "file_name": "values.csv"})


def test_preview_then_confirm_writes_every_row(pm_client, indicator):
    preview = pm_client.post("/indicators/import/", {"file": csv_file(GOOD)})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "2 new values, 0 changed, 0 unchanged" in page
    assert not IndicatorValue.objects.exists()  # nothing yet
    response = confirm(pm_client, page)
    assert response.status_code == 302
    saved = {(v.district.name if v.district else None, v.period, v.value) for v in IndicatorValue.objects.all()}
    assert saved == {(None, date(2014, 10, 1), Decimal("96.40")), ("Ashford", date(2014, 10, 1), Decimal("93.10"))}
    assert AuditEvent.objects.filter(kind="import", summary__startswith="Imported 2 indicator values").exists()


def test_importing_the_same_file_twice_changes_nothing(pm_client, indicator):
    confirm(pm_client, pm_client.post("/indicators/import/", {"file": csv_file(GOOD)}).content.decode())
    history = IndicatorValue.history.count()
    page = pm_client.post("/indicators/import/", {"file": csv_file(GOOD)}).content.decode()
    assert "0 new values, 0 changed, 2 unchanged" in page
    assert "there is nothing to import" in page
    assert IndicatorValue.history.count() == history


def test_changed_values_show_before_and_after(pm_client, indicator):
    IndicatorValue.objects.create(indicator=indicator, district=None, period=date(2014, 10, 1), value=90)
    page = pm_client.post("/indicators/import/", {"file": csv_file(GOOD)}).content.decode()
    assert "Changes from 90.00" in page


def test_any_bad_row_means_nothing_is_written(pm_client, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(frequency=Indicator.Frequency.QUARTERLY)
    bad = (
        "indicator,area,period,value\n"
        "CP01,Countywide,2014-10,96.4\n"
        "XX99,Countywide,2014-10,50\n"
        "CP01,Atlantis,2014-10,50\n"
        "CP01,Ashford,2014-11,50\n"
        "CP01,Dover,2014-10,lots\n"
        "CP01,Countywide,2014-10,101\n"
    )
    response = pm_client.post("/indicators/import/", {"file": csv_file(bad)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no indicator with the reference ‘XX99’" in page
    assert "There is no district called ‘Atlantis’" in page
    assert "periods start in January, April, July or October" in page
    assert "‘lots’ is not a number" in page
    assert "A percentage cannot be more than 100." in page
    assert 'name="token"' not in page
    assert not IndicatorValue.objects.exists()


def test_xlsx_files_are_read_too(pm_client, indicator):
    upload = xlsx_file([["indicator", "area", "period", "value"], ["CP01", "Countywide", date(2014, 10, 1), 96.4]])
    page = pm_client.post("/indicators/import/", {"file": upload}).content.decode()
    assert "1 new value, 0 changed" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("values.xlsx", b"not really a workbook"), "not a real Excel (XLSX) file"),
        (SimpleUploadedFile("values.pdf", b"%PDF"), "must be an Excel workbook (.xlsx) or a CSV file"),
        (csv_file("name,number\nx,1\n"), "missing: indicator, area, period, value"),
    ],
)
def test_files_that_cannot_be_read_are_refused(pm_client, indicator, upload, message):
    response = pm_client.post("/indicators/import/", {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_tampered_or_stale_preview_writes_nothing(pm_client, indicator):
    response = pm_client.post("/indicators/import/confirm/", {"token": "forged"})
    assert response.status_code == 400
    assert "expired or was altered" in response.content.decode()
    page = pm_client.post("/indicators/import/", {"file": csv_file(GOOD)}).content.decode()
    indicator.delete()  # the data changed between preview and confirmation
    response = confirm(pm_client, page)
    assert response.status_code == 409
    assert not IndicatorValue.objects.exists()


def test_readers_cannot_import(viewer_client, clerk_client, indicator):
    for client in (viewer_client, clerk_client):
        assert client.get("/indicators/import/").status_code == 403
        assert client.post("/indicators/import/", {"file": csv_file(GOOD)}).status_code == 403
        assert client.post("/indicators/import/confirm/", {"token": "x"}).status_code == 403
        assert client.get("/indicators/import/template.csv").status_code == 403


def test_the_template_downloads(pm_client):
    response = pm_client.get("/indicators/import/template.csv")
    assert response["Content-Disposition"] == 'attachment; filename="indicator-values-template.csv"'
    assert response.content.decode().startswith("indicator,area,period,value")
    assert pm_client.get("/indicators/import/confirm/").status_code == 405
