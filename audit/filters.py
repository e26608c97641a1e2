import django_filters
from django import forms

from audit.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AuditEvent.Kind.choices, empty_label="Any kind", label="Kind")
    username = django_filters.CharFilter(lookup_expr="icontains", label="Username")
    since = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = django_filters.OrderingFilter(fields=[("at", "at"), ("kind", "kind"), ("username", "username")])

    class Meta:
        model = AuditEvent
        fields = ["kind", "username", "since", "until"]
