import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Coalesce

from actionplans import rag
from actionplans.models import Action, Plan, Theme
from organisation.models import District

# ?sort= values and the ordering each stands for; "rag" and "due" use annotations.
SORTS = {
    "reference": ["reference", "pk"],
    "title": ["title", "pk"],
    "theme": ["theme__number", "reference", "pk"],
    "district": ["district__name", "reference", "pk"],
    "lead": ["lead_officer_name", "pk"],
    "due": ["effective_due", "pk"],
    "status": ["status", "pk"],
    "progress": ["progress", "pk"],
    "rag": ["rag_order", "pk"],
}


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", help_text="Reference, title or description.")
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), empty_label="Any plan")
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.filter(plan__parent__isnull=True))
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.all(), null_label="Countywide", empty_label="Any district"
    )
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, empty_label="Any status")
    rag = django_filters.ChoiceFilter(
        label="RAG rating", choices=rag.Rating.choices, method="filter_rag", empty_label="Any rating"
    )
    lead = django_filters.CharFilter(label="Lead officer", field_name="lead_officer_name", lookup_expr="icontains")
    overdue = django_filters.BooleanFilter(label="Overdue only", method="filter_overdue", widget=forms.CheckboxInput)
    due_within = django_filters.NumberFilter(
        label="Due within (days)",
        method="filter_due_within",
        min_value=1,
        max_value=3650,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}),
    )

    class Meta:
        model = Action
        fields = ["q", "plan", "theme", "district", "status", "rag", "lead", "overdue", "due_within"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["theme"].extra["empty_label"] = "Any theme"

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value)
        )

    def filter_rag(self, queryset, name, value):
        return queryset.alias(rag_value=rag.rag_expression(rag.today())).filter(rag_value=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_due_within(self, queryset, name, value):
        return queryset.due_within(int(value))


def sorted_actions(queryset, sort: str):
    """The queryset in the order ``?sort=`` asks for (``-`` for descending); unknown values keep the default."""
    key = sort.removeprefix("-")
    if key not in SORTS:
        return queryset
    if key == "due":
        queryset = queryset.alias(effective_due=Coalesce("revised_due_on", "due_on"))
    if key == "rag":
        queryset = queryset.alias(rag_value=rag.rag_expression(rag.today())).alias(
            rag_order=rag.sort_expression(rag.today())
        )
    ordering = SORTS[key]
    if sort.startswith("-"):
        ordering = [f"-{field}" for field in ordering]
    return queryset.order_by(*ordering)
