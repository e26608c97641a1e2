"""Template tags for lists: sortable column headers, pagination and query strings.

Lists sort with ``?sort=field`` (``-field`` descending) and page with ``?page=N``;
the other query parameters (the filters) are kept on every link.
"""

from django import template
from django.http import QueryDict

register = template.Library()


def with_params(query: QueryDict, **changes) -> str:
    """The query string with some parameters changed; None removes one."""
    params = query.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_string(context, **changes) -> str:
    return with_params(context["request"].GET, **changes)


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(context, label: str, field: str, numeric: bool = False) -> dict:
    """A column header that sorts by ``field``; choosing it again reverses the order."""
    query = context["request"].GET
    current = query.get("sort", "")
    if current == field:
        direction, next_sort = "ascending", f"-{field}"
    elif current == f"-{field}":
        direction, next_sort = "descending", field
    else:
        direction, next_sort = "none", field
    return {
        "label": label,
        "url": with_params(query, sort=next_sort, page=None),
        "direction": direction,
        "numeric": numeric,
    }


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj) -> dict:
    """GOV.UK pagination: previous, next and nearby page numbers, with ellipses."""
    query = context["request"].GET
    paginator = page_obj.paginator
    numbers = []
    if paginator.num_pages > 1:
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
            if number == paginator.ELLIPSIS:
                numbers.append({"ellipsis": True})
            else:
                numbers.append(
                    {"number": number, "url": with_params(query, page=number), "current": number == page_obj.number}
                )
    return {
        "page_obj": page_obj,
        "numbers": numbers,
        "previous_url": with_params(query, page=page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": with_params(query, page=page_obj.next_page_number()) if page_obj.has_next() else "",
    }
