import django_filters
from django import forms

from improvement.forms import GDSFormMixin
from reports.models import Committee, Paper


class PaperFilterForm(GDSFormMixin, forms.Form):
    pass


# ?sort= values the paper list accepts, and the fields they order by.
SORTS = {"meeting_date": "meeting_date", "committee": "committee__name", "subject": "subject"}


def sorted_papers(papers, sort: str):
    """Orders by an allowed ?sort= value (``-`` for descending); anything else keeps the default order."""
    field = SORTS.get(sort.removeprefix("-"))
    if field is None:
        return papers
    return papers.order_by(f"-{field}" if sort.startswith("-") else field, "pk")


class PaperFilter(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(queryset=Committee.objects.all(), empty_label="All committees")
    status = django_filters.ChoiceFilter(choices=Paper.Status.choices, empty_label="Any status")

    class Meta:
        model = Paper
        fields = ["committee", "status"]
        form = PaperFilterForm
