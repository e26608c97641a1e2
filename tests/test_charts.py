import base64

from improvement.charts import Chart, figure_to_svg, new_figure, svg_data_uri


def draw():
    figure = new_figure(4, 2)
    axes = figure.add_subplot()
    axes.plot([2012, 2013, 2014], [1, 3, 2], marker="s")
    axes.set_title("Judgements")
    return figure


def test_the_same_figure_gives_the_same_svg():
    assert figure_to_svg(draw()) == figure_to_svg(draw())


def test_the_svg_has_no_date_and_keeps_text_as_text():
    svg = figure_to_svg(draw())
    assert svg.startswith("<?xml")
    assert "<dc:date>" not in svg
    assert "Judgements" in svg  # svg.fonttype none: text is not turned into paths


def test_the_data_uri_carries_the_svg():
    svg = figure_to_svg(draw())
    uri = svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg


def test_the_img_tag_escapes_its_alt_text():
    html = Chart(draw(), alt='Judgements "over" <time>').as_img()
    assert html.startswith('<img class="app-chart" alt="Judgements &quot;over&quot; &lt;time&gt;" src="data:image/svg')
