"""The data-block registry and the blocks that read inspections."""

from datetime import date

import pytest

from inspections.models import Finding, Inspection, Judgement
from reports import blocks
from tests.factories import make_finding, make_inspection, make_paper

pytestmark = pytest.mark.django_db


def test_history_line_for_a_published_inspection_reads_as_in_the_seed_paper():
    fostering = make_inspection(
        title="Fostering Services", published_on=date(2012, 7, 31), started_on=date(2012, 6, 1),
        judgement=Judgement.ADEQUATE,
    )  # fmt: skip
    assert blocks.history_line(fostering) == "Fostering Services – published report 31 July 2012 (adequate)"


def test_history_line_for_a_thematic_inspection_awaiting_its_national_report():
    cse = make_inspection(
        title="Thematic Inspection of Child Sexual Exploitation (CSE)", kind=Inspection.Kind.THEMATIC,
        started_on=date(2014, 10, 13), publication_expected="November 2014",
    )  # fmt: skip
    assert blocks.history_line(cse) == (
        "Thematic Inspection of Child Sexual Exploitation (CSE) – joint national report expected to be published "
        "November 2014"
    )


def test_inspection_history_lists_oldest_first_and_filters_by_kind_and_date():
    paper = make_paper()
    make_inspection(title="Later", started_on=date(2013, 5, 1))
    make_inspection(title="Earlier", started_on=date(2012, 5, 1))
    make_inspection(title="Too early", started_on=date(2010, 5, 1))
    make_inspection(title="A peer review", kind=Inspection.Kind.PEER_REVIEW, started_on=date(2014, 1, 1))
    html = blocks.render_block("inspection_history", {"kinds": ["full"], "since": "2012-01-01"}, paper)
    assert html.index("Earlier") < html.index("Later")
    assert "Too early" not in html
    assert "A peer review" not in html


def test_findings_block_lists_one_kind_in_order_with_light_formatting():
    paper = make_paper()
    review = make_inspection(title="CSE thematic")
    make_finding(review, kind=Finding.Kind.KEY_OBSERVATION, text="Second", position=2)
    make_finding(review, kind=Finding.Kind.KEY_OBSERVATION, text="First, with **emphasis** <b>", position=1)
    make_finding(review, kind=Finding.Kind.RECOMMENDATION, text="Not an observation")
    html = blocks.render_block("findings", {"inspection": review.pk, "kind": "key_observation"}, paper)
    assert html.index("First") < html.index("Second")
    assert "<strong>emphasis</strong>" in html
    assert "&lt;b&gt;" in html
    assert "Not an observation" not in html
    assert "<ul" in html


def test_findings_block_can_number_its_list():
    paper = make_paper()
    review = make_inspection()
    make_finding(review, kind=Finding.Kind.STRENGTH, text="Enabler")
    options = {"inspection": review.pk, "kind": "strength", "style": "numbers"}
    assert "<ol" in blocks.render_block("findings", options, paper)


def test_a_block_pointing_at_a_deleted_inspection_says_so():
    paper = make_paper()
    review = make_inspection()
    options = {"inspection": review.pk, "kind": "key_observation"}
    review.delete()
    html = blocks.render_block("findings", options, paper)
    assert "This block points at something that no longer exists" in html
    assert "inspection or review" in html


def test_an_unknown_kind_of_block_says_so():
    html = blocks.render_block("no_such_kind", {}, make_paper())
    assert "This block points at something that no longer exists" in html
    assert "no_such_kind" in html


def test_plan_themes_is_a_placeholder_until_the_plan_exists():
    assert "No plan yet" in blocks.render_block("plan_themes", {}, make_paper())


def test_options_forms_give_json_ready_options():
    review = make_inspection()
    form = blocks.FindingsOptions({"inspection": str(review.pk), "kind": "key_observation", "style": "bullets"})
    assert form.is_valid(), form.errors
    assert form.options() == {"inspection": review.pk, "kind": "key_observation", "style": "bullets"}
    history = blocks.InspectionHistoryOptions({"kinds": ["full"], "since": "2012-01-01"})
    assert history.is_valid(), history.errors
    assert history.options() == {"kinds": ["full"], "since": "2012-01-01"}


def test_an_options_form_refuses_an_inspection_that_is_not_there():
    form = blocks.FindingsOptions({"inspection": "999999", "kind": "key_observation", "style": "bullets"})
    assert not form.is_valid()
    assert "inspection" in form.errors


def test_every_registered_kind_has_a_label_form_and_template():
    keys = {kind.key for kind in blocks.kinds()}
    assert {"inspection_history", "findings", "plan_themes"} <= keys
    for kind in blocks.kinds():
        assert kind.label and kind.template.startswith("reports/blocks/_")
        assert issubclass(kind.form_class, blocks.BlockOptionsForm)


def test_findings_summary_counts_each_kind_in_a_table_and_a_chart_with_alt_text():
    paper = make_paper()
    review = make_inspection(title="Safeguarding inspection")
    make_finding(review, kind=Finding.Kind.RECOMMENDATION)
    make_finding(review, kind=Finding.Kind.RECOMMENDATION)
    make_finding(review, kind=Finding.Kind.STRENGTH)
    make_inspection(title="Quiet review")
    html = blocks.render_block("findings_summary", {}, paper)
    assert "<thead" in html and '<th scope="col" class="govuk-table__header">Inspection</th>' in html
    assert '<img src="data:image/svg+xml;base64,' in html
    assert 'alt="Findings by kind, all inspections listed. Recommendation: 2; Area for further development: 0;' in html


def test_bar_chart_escapes_labels_and_gives_every_value_in_its_alt_text():
    import base64

    from reports.charts import bar_chart

    chart = bar_chart("Actions by theme", [("Quality <of> Practice", 4), ("Front Door", 0)])
    svg = base64.b64decode(chart.src.split(",", 1)[1]).decode()
    assert "Quality &lt;of&gt; Practice" in svg and "<of>" not in svg
    assert chart.alt == "Actions by theme. Quality <of> Practice: 4; Front Door: 0."


def test_findings_options_offer_kinds_recorded_beyond_the_named_ones():
    review = make_inspection()
    make_finding(review, kind="key_enabler", text="Recruitment and retention of qualified social workers")
    form = blocks.FindingsOptions({"inspection": str(review.pk), "kind": "key_enabler", "style": "numbers"})
    assert ("key_enabler", "Key enabler") in form.fields["kind"].choices
    assert form.is_valid(), form.errors
