"""The light formatting clerks type into papers: what it understands, and that it escapes the rest."""

from reports.formatting import format_inline, format_text, parse
from reports.templatetags.papers import css_string


def test_paragraphs_are_split_on_blank_lines_and_lines_are_joined():
    html = format_text("First line\ncontinues.\n\nSecond paragraph.")
    assert html == '<p class="govuk-body">First line continues.</p><p class="govuk-body">Second paragraph.</p>'


def test_bullets_and_numbered_lines_become_lists():
    html = format_text("Areas were:\n- one\n- two\n\n3. third\n4. fourth")
    assert '<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li></ul>' in html
    assert '<ol class="govuk-list govuk-list--number" start="3"><li>third</li><li>fourth</li></ol>' in html


def test_bold_italic_and_links():
    html = format_inline("Members are asked to **NOTE** the *progress* in [the plan](https://example.org/plan).")
    assert "<strong>NOTE</strong>" in html
    assert "<em>progress</em>" in html
    assert '<a class="govuk-link" href="https://example.org/plan">the plan</a>' in html


def test_script_and_markup_are_shown_as_text():
    html = format_text('<script>alert("x")</script> and <b>bold</b>\n- <img src=x onerror=alert(1)>')
    assert "<script" not in html
    assert "<b>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_only_web_and_email_links_are_made():
    html = format_inline("[click](javascript:alert(1)) [mail](mailto:a@example.org)")
    assert 'href="javascript' not in html
    assert "[click](javascript:alert(1))" in html
    assert 'href="mailto:a@example.org"' in html


def test_link_text_and_address_are_escaped():
    html = format_inline('[<b>x</b>](https://example.org/?a=1&b="2")')
    assert "<b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_an_indented_line_continues_a_list_item():
    nodes = parse("- first item\n  carries on\n- second")
    assert [[run.text for run in item] for item in nodes[0].items] == [["first item", " ", "carries on"], ["second"]]


def test_css_string_cannot_break_out_of_a_style_element():
    value = css_string('Committee "A" </style><script>alert(1)</script>')
    assert value.startswith('"') and value.endswith('"')
    assert "<" not in value and '"' not in value[1:-1]
    assert value.startswith('"Committee \\22 A\\22  ')
