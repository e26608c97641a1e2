"""One search across the service: inspections, findings, actions, progress updates and papers.

PostgreSQL's full-text search (English stemming, ranked) where the database is
PostgreSQL; elsewhere every word must appear in one of the searched fields. Each
source is limited to what the person may see. Two queries per source.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q, QuerySet

from actionplans.models import Action, ProgressUpdate
from inspections.models import Finding, Inspection
from reports.models import Paper

MAX_QUERY_LENGTH = 200
PER_SOURCE = 10


@dataclass
class Hit:
    title: str
    url: str
    detail: str


@dataclass
class Source:
    label: str
    hits: list[Hit]
    total: int


def _sources(user) -> list[tuple[str, QuerySet, list[str], callable]]:
    """(label, the queryset the person may see, fields searched, how a result is shown)."""
    return [
        (
            "Inspections and reviews",
            Inspection.objects.all(),
            ["title", "body", "summary"],
            lambda o: Hit(o.title, o.get_absolute_url(), f"{o.get_kind_display()}, {o.body}"),
        ),
        (
            "Findings",
            Finding.objects.select_related("inspection"),
            ["reference", "text"],
            lambda o: Hit(f"{o.inspection.title}, {o.reference}", o.get_absolute_url(), o.text),
        ),
        (
            "Actions",
            Action.objects.visible_to(user).select_related("district"),
            ["reference", "title", "description", "lead_officer_name"],
            lambda o: Hit(
                f"{o.reference} {o.title}", o.get_absolute_url(), o.district.name if o.district else "Countywide"
            ),
        ),
        (
            "Progress updates",
            ProgressUpdate.objects.filter(action__in=Action.objects.visible_to(user)).select_related("action"),
            ["narrative", "next_steps", "risks"],
            lambda o: Hit(f"{o.action.reference}, {o.dated:%-d %B %Y}", o.get_absolute_url(), o.narrative),
        ),
        (
            "Committee papers",
            Paper.objects.visible_to(user).select_related("committee"),
            ["subject", "summary"],
            lambda o: Hit(o.subject, o.get_absolute_url(), f"{o.committee}, {o.meeting_date:%-d %B %Y}"),
        ),
    ]


def _matching(queryset: QuerySet, fields: list[str], query: str) -> QuerySet:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config="english")
        search = SearchQuery(query, config="english", search_type="websearch")
        return (
            queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, search))
            .filter(search_vector=search)
            .order_by("-search_rank", "pk")
        )
    words = query.split()
    each_word = [reduce(or_, [Q(**{f"{field}__icontains": word}) for field in fields]) for word in words]
    return queryset.filter(reduce(and_, each_word)).order_by("pk")


def search(user, query: str) -> list[Source]:
    """What matches ``query`` in each source, best first; nothing for people without a role."""
    query = " ".join(query.split())
    if not query or not (user.is_superuser or user.role_names):
        return []
    results = []
    for label, queryset, fields, show in _sources(user):
        matches = _matching(queryset, fields, query)
        results.append(Source(label, [show(obj) for obj in matches[:PER_SOURCE]], matches.count()))
    return results
