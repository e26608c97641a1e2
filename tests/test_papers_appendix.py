import io
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from audit.models import AuditEvent
from tests.factories import make_action, make_plan, make_sub_plan, make_theme, make_update, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sub_plan(settings, district):
    settings.AS_OF_DATE = date(2014, 12, 1)
    plan = make_plan()
    quality = make_theme(plan=plan, number=1, title="Quality of Practice")
    early_help = make_theme(plan=plan, number=2, title="Effective Early Help")
    ashford = make_sub_plan(plan, district, title="Ashford District Improvement Plan")
    late = make_action(plan=ashford, theme=quality, reference="ASH-1", title="Audit ten case files a month",
                       lead_officer_name="Jo Bloggs", due_on=date(2014, 11, 1))  # fmt: skip
    make_update(late, make_user(), narrative="Eight audits done; two teams behind.", dated=date(2014, 11, 28))
    make_action(plan=ashford, theme=early_help, reference="ASH-2", title="Step down cases weekly", progress=95)
    return ashford


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "appendix.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_appendix_is_a_landscape_tagged_pdf_of_the_sub_plan(viewer_client, sub_plan, tmp_path):
    response = viewer_client.get(f"/plan/{sub_plan.pk}/appendix.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="action-plan-appendix-{sub_plan.pk}.pdf"'
    data = response.content
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    text = pdf_text(data, tmp_path)
    assert "Appendix: Ashford District Improvement Plan" in text
    assert text.index("(1) Quality of Practice") < text.index("ASH-1") < text.index("(2) Effective Early Help")
    assert "Red" in text and "Green" in text
    assert "Eight audits done" in text
    assert "No update yet" in text
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    width, height = [float(n) for n in info.split("Page size:")[1].split("pts")[0].split(" x ")]
    assert width > height  # landscape
    assert AuditEvent.objects.filter(kind="export", summary__contains="appendix").exists()


def test_people_without_a_role_cannot_download_it(client, sub_plan):
    client.force_login(make_user())
    assert client.get(f"/plan/{sub_plan.pk}/appendix.pdf").status_code == 404


def test_unknown_plan_is_a_404(viewer_client):
    assert viewer_client.get("/plan/999999/appendix.pdf").status_code == 404


def test_the_command_writes_the_appendix(sub_plan, tmp_path):
    output = tmp_path / "out.pdf"
    out = io.StringIO()
    call_command("export_appendix", str(sub_plan.pk), str(output), stdout=out)
    assert output.read_bytes().startswith(b"%PDF")
    assert "Wrote the appendix" in out.getvalue()
    with pytest.raises(CommandError, match="must end .pdf"):
        call_command("export_appendix", str(sub_plan.pk), str(tmp_path / "out.docx"))
    with pytest.raises(CommandError, match="There is no plan"):
        call_command("export_appendix", "999999", str(output))
