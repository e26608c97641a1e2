import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from improvement.history import history_entries
from organisation.models import District


def render(source: str, path: str, **context) -> str:
    request = RequestFactory().get(path)
    return Template("{% load listing %}" + source).render(Context({"request": request, **context}))


def test_sort_header_keeps_filters_and_reverses_the_current_sort():
    html = render('{% sort_header "Due date" "due_on" %}', "/actions/?status=open&sort=due_on&page=3")
    assert 'aria-sort="ascending"' in html
    assert "?status=open&amp;sort=-due_on" in html
    assert "page=3" not in html  # a new order starts on page one


def test_sort_header_for_another_column_is_unsorted():
    html = render('{% sort_header "Title" "title" %}', "/actions/?sort=due_on")
    assert 'aria-sort="none"' in html
    assert "sort=title" in html


def test_pagination_links_keep_the_filters():
    page = Paginator(list(range(100)), 10).page(5)
    html = render("{% pagination page_obj %}", "/actions/?status=open&page=5", page_obj=page)
    assert "?status=open&amp;page=4" in html
    assert "?status=open&amp;page=6" in html
    assert 'aria-current="page"' in html
    assert "Showing 41 to 50 of 100" in html


def test_pagination_is_absent_for_one_page():
    page = Paginator(list(range(5)), 10).page(1)
    assert "govuk-pagination" not in render("{% pagination page_obj %}", "/x/", page_obj=page)


@pytest.mark.django_db
def test_history_entries_say_who_changed_which_field(director):
    district = District(name="Ashford", slug="ashford")
    district._history_user = director
    district.save()
    district.name = "Ashford and Tenterden"
    district._history_user = director
    district.save()
    entries = history_entries(district)
    assert [entry.kind for entry in entries] == ["Changed", "Created"]
    changed = entries[0]
    assert changed.who == str(director)
    assert [(c.label, c.before, c.after) for c in changed.changes] == [("Name", "Ashford", "Ashford and Tenterden")]


@pytest.mark.django_db
def test_history_entries_query_count_does_not_grow(django_assert_max_num_queries):
    district = District.objects.create(name="Dover", slug="dover")
    for number in range(30):
        district.name = f"Dover {number}"
        district.save()
    with django_assert_max_num_queries(1):
        entries = history_entries(district, limit=20)
    assert len(entries) == 20
