"""Generated input for every form: never a server error, and a refused form writes nothing.

Each form's field names are read from its page, then hypothesis fills them with
text of every kind (markup, very long strings, odd Unicode, numbers, dates in
strange shapes) and posts it as an assistant director, who may use every form.
"""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from improvement.freshness import data_stamp
from organisation import roles
from tests.factories import (
    make_action,
    make_finding,
    make_indicator,
    make_inspection,
    make_paper,
    make_plan,
    make_theme,
    make_user,
)

FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"')
SKIP = {"csrfmiddlewaretoken"}

values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", " ", "0", "-1", "31", "13", "2014", "99999", "1e309", "NaN", "<script>x</script>", "=1+1"]),
    st.dates().map(lambda day: day.isoformat()),
)


@pytest.fixture
def world(db, district):
    plan = make_plan()
    theme = make_theme(plan=plan, number=1, title="Quality of Practice")
    action = make_action(plan=plan, theme=theme)
    inspection = make_inspection()
    make_finding(inspection)
    paper = make_paper()
    indicator = make_indicator()
    director = make_user(roles.ASSISTANT_DIRECTOR, username="fuzz-director")
    client = Client(raise_request_exception=False)
    client.force_login(director)
    return {
        "client": client,
        "urls": [
            "/inspections/new/",
            f"/inspections/{inspection.pk}/edit/",
            f"/inspections/{inspection.pk}/findings/add/",
            f"/inspections/{inspection.pk}/findings/paste/",
            "/plan/new/",
            f"/plan/{plan.pk}/actions/new/",
            f"/plan/actions/{action.pk}/edit/",
            f"/plan/actions/{action.pk}/updates/new/",
            "/indicators/new/",
            f"/indicators/{indicator.pk}/values/",
            "/papers/new/",
            f"/papers/{paper.pk}/edit/",
            f"/papers/{paper.pk}/sections/new/",
        ],
    }


def field_names(client, url) -> list[str]:
    page = client.get(url)
    assert page.status_code == 200, url
    return sorted({name for name in FIELD.findall(page.content.decode()) if name not in SKIP})


@pytest.mark.parametrize("index", range(13))
def test_generated_input_never_breaks_a_form(world, index):
    client, url = world["client"], world["urls"][index]
    names = field_names(client, url)
    assert names, url

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.fixed_dictionaries(dict.fromkeys(names, values)))
    def post(data):
        before = data_stamp()
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)
        if response.status_code >= 400:
            assert data_stamp() == before, f"{url} refused the form but wrote something"

    post()


def test_an_oversized_request_is_a_400_and_writes_nothing(world):
    before = data_stamp()
    response = world["client"].post("/indicators/new/", {"reference": "BIG", "name": "x" * 3_000_000})
    assert response.status_code == 400
    assert data_stamp() == before


def test_malformed_and_unknown_ids_are_4xx(world):
    client = world["client"]
    for url in ["/plan/actions/999999999/", "/inspections/999999999/", "/papers/999999999/", "/indicators/0/"]:
        assert client.get(url).status_code == 404, url
    refused = client.get("/plan/actions/", {"plan": "not-a-number"})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    assert client.get("/", {"as_at_0": "99", "as_at_1": "99", "as_at_2": "99999"}).status_code == 400
