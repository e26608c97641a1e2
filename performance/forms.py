from datetime import date
from decimal import Decimal, InvalidOperation

from crispy_forms_gds.fields import DateInputField
from django import forms

from actionplans import rag
from improvement.forms import GDSFormMixin
from organisation.models import District
from performance.models import Indicator, IndicatorValue

COUNTYWIDE = "county"


class IndicatorForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "reference",
            "name",
            "description",
            "unit",
            "polarity",
            "target",
            "floor",
            "frequency",
            "source",
            "theme",
            "actions",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "actions": forms.CheckboxSelectMultiple}
        error_messages = {
            "reference": {"required": "Enter a reference", "unique": "Another indicator already has this reference"},
            "name": {"required": "Enter the indicator's name"},
            "unit": {"required": "Choose a unit"},
            "polarity": {"required": "Choose whether higher or lower is better"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from actionplans.models import Action, Theme

        # Indicators measure the countywide plan: its themes, and its countywide actions.
        self.fields["theme"].queryset = Theme.objects.filter(plan__parent__isnull=True).select_related("plan")
        self.fields["actions"].queryset = Action.objects.filter(district__isnull=True).order_by("reference")
        self.fields["actions"].label = "Actions meant to move it"


class AsAtForm(GDSFormMixin, forms.Form):
    """The day a dashboard shows the figures as at; empty for now."""

    as_at = DateInputField(
        label="As at",
        required=False,
        help_text="For example, 31 10 2014. Leave empty for the latest figures.",
    )

    def clean_as_at(self) -> date | None:
        as_at = self.cleaned_data["as_at"]
        if as_at and as_at > rag.today():
            raise forms.ValidationError("The date must be today or in the past")
        return as_at

    def as_at_or_none(self) -> date | None:
        """The chosen day once the form is valid; None (now) for an unbound or invalid form."""
        return self.cleaned_data.get("as_at") if self.is_bound and self.is_valid() else None


class AreaAndDateForm(AsAtForm):
    """Which area a scorecard is for, and the date it is as at."""

    area = forms.ChoiceField(label="Area", required=False)
    field_order = ["area", "as_at"]

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(COUNTYWIDE, "Countywide")] + [(d.slug, d.name) for d in districts]
        self.districts = {d.slug: d for d in districts}

    def district(self) -> District | None:
        return self.districts.get(self.cleaned_data.get("area") or COUNTYWIDE)


class ValuesForm(GDSFormMixin, forms.Form):
    """One period's values of an indicator: countywide and for each district."""

    period = DateInputField(label="First day of the period", help_text="For example, 1 10 2014 for October 2014.")

    def __init__(self, *args, indicator: Indicator, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.areas = [(COUNTYWIDE, None, "Countywide")] + [(d.slug, d, d.name) for d in districts]
        for key, _, label in self.areas:
            self.fields[f"value_{key}"] = forms.CharField(
                label=label,
                required=False,
                max_length=20,
                help_text=indicator.get_unit_display(),
                widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
            )

    def clean_period(self) -> date:
        period = self.cleaned_data["period"]
        error = self.indicator.period_error(period)
        if error:
            raise forms.ValidationError(error)
        return period

    def clean(self):
        cleaned = super().clean()
        values = {}
        for key, district, label in self.areas:
            raw = (cleaned.get(f"value_{key}") or "").strip().rstrip("%").replace(",", "")
            if not raw:
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                self.add_error(f"value_{key}", f"{label}: enter a number")
                continue
            if not value.is_finite():
                self.add_error(f"value_{key}", f"{label}: enter a number")
                continue
            error = self.indicator.value_error(value)
            if error:
                self.add_error(f"value_{key}", f"{label}: {error}")
                continue
            values[key] = (district, value.quantize(Decimal("0.01")))
        if not values and not self.errors:
            raise forms.ValidationError("Enter at least one value")
        cleaned["values"] = values
        return cleaned

    def save(self) -> int:
        """Creates or updates the values; returns how many. Call inside a transaction."""
        period = self.cleaned_data["period"]
        for district, value in self.cleaned_data["values"].values():
            IndicatorValue.objects.update_or_create(
                indicator=self.indicator, district=district, period=period, defaults={"value": value}
            )
        return len(self.cleaned_data["values"])
