import django_filters
from django import forms

from inspections.models import Inspection, Judgement


class FilterForm(forms.Form):
    """Rendered by hand in the list template: plain GOV.UK selects, quicker than a crispy layout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "govuk-select")
            field.error_messages["invalid_choice"] = "Choose one of the options in the list."


SORTS = {
    "title": ["title"],
    "kind": ["kind", "title"],
    "body": ["body", "title"],
    "started_on": ["started_on", "title"],
    "published_on": ["published_on", "title"],
    "status": ["status", "title"],
    "judgement": ["judgement", "title"],
}


class InspectionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Inspection.Kind.choices, empty_label="All kinds")
    body = django_filters.ChoiceFilter(label="Carried out by", empty_label="Anyone", choices=[])
    year = django_filters.ChoiceFilter(
        label="Year started", field_name="started_on", lookup_expr="year", empty_label="Any year", choices=[]
    )
    judgement = django_filters.ChoiceFilter(
        label="Overall judgement", choices=Judgement.choices, empty_label="Any judgement"
    )
    status = django_filters.ChoiceFilter(choices=Inspection.Status.choices, empty_label="Any status")
    sort = django_filters.CharFilter(method="sort_by", widget=forms.HiddenInput)

    class Meta:
        model = Inspection
        fields = ["kind", "body", "year", "judgement", "status"]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Two small queries, whatever the number of inspections.
        bodies = Inspection.objects.order_by("body").values_list("body", flat=True).distinct()
        self.filters["body"].extra["choices"] = [(body, body) for body in bodies]
        self.filters["year"].extra["choices"] = [(year, year) for year in Inspection.objects.years()]

    def sort_by(self, queryset, name, value):
        field = value.removeprefix("-")
        if field not in SORTS:
            return queryset
        parts = [f"-{part}" for part in SORTS[field]] if value.startswith("-") else SORTS[field]
        return queryset.order_by(*parts, "pk")
