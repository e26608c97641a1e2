"""A committee clerk composes, previews, publishes and downloads a paper in Chromium."""

from datetime import date

import pytest
from playwright.sync_api import expect

from inspections.models import Finding, Judgement
from tests.accessibility import assert_accessible
from tests.factories import make_block, make_committee, make_finding, make_inspection, make_paper, make_section

pytestmark = pytest.mark.browser


def test_a_clerk_builds_previews_publishes_and_downloads_a_paper(page, sign_in, clerk):
    committee = make_committee(name="Children's Social Care and Health Cabinet Committee")
    make_inspection(
        title="Fostering Services", started_on=date(2012, 6, 1), published_on=date(2012, 7, 31),
        judgement=Judgement.ADEQUATE,
    )  # fmt: skip
    cse = make_inspection(title="CSE thematic inspection", started_on=date(2014, 10, 13))
    make_finding(cse, kind=Finding.Kind.KEY_OBSERVATION, text="In the 18 cases that were tracked, things improved.")

    sign_in(clerk)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Committee papers").click()
    page.get_by_role("link", name="Start a new paper").click()
    page.get_by_label("Committee", exact=True).select_option(label=committee.name)
    page.get_by_label("Meeting date").fill("2014-12-03")
    page.get_by_label("Subject").fill("Action Plans arising from Ofsted inspection")
    page.get_by_label("By", exact=True).fill("Peter Oakford, Cabinet Member for Specialist Children's Services")
    page.get_by_label("Previous pathway").fill("Children's Services Improvement Programme")
    page.get_by_label("Summary", exact=True).fill("This report provides an update on progress.")
    page.get_by_label("Recommendations").fill("Members are asked to **NOTE** the progress.")
    page.get_by_label("Contact lead officer's name").fill("Patricia Denney")
    page.get_by_label("Contact lead officer's email address").fill("patricia.denney@example.org")
    page.get_by_label("Author's name").fill("Emily Perkins")
    page.get_by_label("Author's email address").fill("emily.perkins@example.org")
    page.get_by_role("button", name="Create paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action Plans arising from Ofsted inspection")
    assert_accessible(page)

    page.get_by_role("link", name="Add a section").click()
    page.get_by_label("Heading").fill("Introduction")
    page.get_by_role("button", name="Add section").click()
    expect(page.get_by_role("heading", name="1. Introduction")).to_be_visible()

    page.get_by_role("link", name="Add a paragraph to section 1").click()
    page.get_by_label("Paragraph").fill("Since 2012 there have been these inspections:")
    page.get_by_role("button", name="Add paragraph").click()
    expect(page.get_by_text("Block 1: paragraph 1.1")).to_be_visible()

    page.get_by_role("link", name="Add a data block to section 1").click()
    page.get_by_role("link", name="Inspection history").click()
    page.get_by_label("Ofsted full inspection").check()
    page.get_by_role("button", name="Add inspection history").click()
    expect(page.get_by_text("Fostering Services – published report 31 July 2012 (adequate)")).to_be_visible()

    page.get_by_role("link", name="Add a data block to section 1").click()
    page.get_by_role("link", name="Findings of an inspection").click()
    page.get_by_label("Inspection or review").select_option(label="CSE thematic inspection (October 2014)")
    page.get_by_label("Which findings").select_option(label="Key observation")
    page.get_by_role("button", name="Add findings of an inspection").click()
    expect(page.get_by_text("In the 18 cases that were tracked, things improved.")).to_be_visible()
    page.screenshot(path="/tmp/papers-editor.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name="1. Introduction")).to_be_visible()
    expect(page.locator(".app-para__number").first).to_have_text("1.1")
    expect(page.get_by_text("Fostering Services – published report 31 July 2012 (adequate)")).to_be_visible()
    expect(page.get_by_role("heading", name="2. Recommendations")).to_be_visible()
    page.screenshot(path="/tmp/papers-preview.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("link", name="Back to composing").click()
    page.get_by_role("link", name="Publish a version").click()
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 has been published.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action Plans arising from Ofsted inspection")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-v1.pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("link", name="All versions").click()
    expect(page.get_by_role("cell", name=str(clerk))).to_be_visible()
    page.screenshot(path="/tmp/papers-versions.png", full_page=True)
    assert_accessible(page)


def test_the_publish_page_with_missing_fields_is_accessible(page, sign_in, clerk):
    paper = make_paper(summary="", presented_by="")
    sign_in(clerk)
    page.goto(f"/papers/{paper.pk}/publish/")
    expect(page.get_by_text("The paper cannot be published yet")).to_be_visible()
    expect(page.get_by_text("Summary is missing")).to_be_visible()
    assert_accessible(page)


def test_block_forms_and_a_missing_block_are_accessible(page, sign_in, clerk):
    paper = make_paper()
    section = make_section(paper, heading="Introduction")
    make_block(section, kind="findings", options={"inspection": 999999, "kind": "key_observation"})
    make_inspection(title="An inspection")
    sign_in(clerk)
    page.goto(f"/papers/{paper.pk}/preview/")
    expect(page.get_by_text("This block points at something that no longer exists")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/papers/{paper.pk}/sections/{section.pk}/blocks/new/")
    assert_accessible(page)
    for kind in ["findings", "inspection_history", "text"]:
        page.goto(f"/papers/{paper.pk}/sections/{section.pk}/blocks/new/{kind}/")
        assert_accessible(page)
    page.goto(f"/papers/{paper.pk}/sections/{section.pk}/blocks/new/text/")
    page.get_by_role("button", name="Add paragraph").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)


def test_paper_list_and_forms_are_accessible(page, sign_in, clerk):
    paper = make_paper()
    sign_in(clerk)
    for path in ["/papers/", "/papers/new/", f"/papers/{paper.pk}/edit/", f"/papers/{paper.pk}/sections/new/"]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/papers/new/")
    page.get_by_role("button", name="Create paper").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)


def test_a_viewer_reads_the_published_version_without_javascript(browser, live_server, clerk, viewer):
    paper = make_paper(subject="Published for members")
    make_block(make_section(paper, heading="Introduction"), text="Words for members.")
    paper.publish(clerk)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("viewer")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    page.goto("/papers/")
    page.get_by_role("link", name="Published for members", exact=True).click()
    page.get_by_role("link", name="Version 1").first.click()
    expect(page.get_by_text("Words for members.")).to_be_visible()
    context.close()
