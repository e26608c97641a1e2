from datetime import date

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from actionplans import evidence, rag
from actionplans.models import Action, Plan, ProgressUpdate, Theme
from improvement.forms import GDSFormMixin
from inspections.models import Finding


class DateField(DateInputField):
    """The GOV.UK date input (day, month, year boxes) with plain-English errors."""

    def __init__(self, *, label: str, required: bool = True, help_text: str = "For example, 27 3 2015", **kwargs):
        super().__init__(label=label, required=required, help_text=help_text, **kwargs)
        self.error_messages["required"] = self.error_messages["incomplete"] = f"Enter the {label.lower()}"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError:
            raise ValidationError(f"The {self.label.lower()} must be a real date") from None


EDITABLE_STATUSES = [(value, label) for value, label in Action.Status.choices if value != Action.Status.SIGNED_OFF]


class ActionForm(GDSFormMixin, forms.ModelForm):
    """Create or edit an action. Carries the version it was read at, for optimistic locking."""

    starts_on = DateField(label="Start date")
    due_on = DateField(
        label="Due date", help_text="The date first agreed. If it has moved, give a revised due date below."
    )
    revised_due_on = DateField(label="Revised due date", required=False, help_text="Leave empty if it has not moved.")
    status = forms.ChoiceField(choices=EDITABLE_STATUSES)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "reference",
            "title",
            "description",
            "theme",
            "lead_officer_name",
            "lead_officer_title",
            "lead_officer",
            "starts_on",
            "due_on",
            "revised_due_on",
            "revision_reason",
            "status",
            "progress",
            "rag_override",
            "rag_override_reason",
            "success_measure",
            "evidence_of_impact",
            "contributes_to",
            "findings",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "revision_reason": forms.Textarea(attrs={"rows": 2}),
            "rag_override_reason": forms.Textarea(attrs={"rows": 2}),
            "success_measure": forms.Textarea(attrs={"rows": 3}),
            "evidence_of_impact": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.CheckboxSelectMultiple,
            "progress": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        }
        help_texts = {
            "rag_override": "Leave as suggested unless you know better; then say why below.",
            "findings": "The inspection recommendations and areas for development this action answers.",
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.instance.district = plan.district
        self.fields["theme"].queryset = plan.themes_in_use()
        self.fields["theme"].empty_label = None
        self.fields["rag_override"].choices = [("", "No – use the suggested rating")] + rag.Rating.overridable()
        self.fields["rag_override"].label = "Override the suggested RAG rating"
        from organisation.models import User

        self.fields["lead_officer"].queryset = User.objects.filter(is_active=True)
        self.fields["lead_officer"].empty_label = "None"
        self.fields["findings"].queryset = Finding.objects.filter(
            kind__in=[Finding.Kind.RECOMMENDATION, Finding.Kind.AREA_FOR_DEVELOPMENT]
        ).select_related("inspection")
        self.fields["findings"].label_from_instance = lambda finding: f"{finding.inspection}: {finding}"
        if plan.is_sub_plan:
            self.fields["contributes_to"].queryset = Action.objects.filter(plan_id=plan.parent_id)
            self.fields["contributes_to"].empty_label = "None"
        else:
            del self.fields["contributes_to"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            # The date first agreed is kept: a later date goes in the revised due date, with its reason.
            self.fields["due_on"].disabled = True
            self.fields[
                "due_on"
            ].help_text = "The date first agreed, kept as it was. To move it, give a revised due date."
            if self.instance.status == Action.Status.SIGNED_OFF:
                # Signed off is final here: only the sign-off page sets it, and nothing in this form undoes it.
                self.fields["status"].choices = Action.Status.choices
                self.fields["status"].disabled = True

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        clash = Action.objects.filter(plan=self.plan, reference__iexact=reference).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Another action in this plan already has this reference")
        return reference

    def clean(self):
        data = super().clean()
        starts_on, due_on, revised = data.get("starts_on"), data.get("due_on"), data.get("revised_due_on")
        if starts_on and due_on and due_on < starts_on:
            if self.fields["due_on"].disabled:
                agreed = date_format(due_on, "j F Y")
                self.add_error("starts_on", f"The start date must be on or before the due date first agreed, {agreed}")
            else:
                self.add_error("due_on", "The due date must be the same as or after the start date")
        if starts_on and revised and revised < starts_on:
            self.add_error("revised_due_on", "The revised due date must be the same as or after the start date")
        if revised and not data.get("revision_reason", "").strip():
            self.add_error("revision_reason", "Give the reason the due date was revised")
        if data.get("rag_override") and not data.get("rag_override_reason", "").strip():
            self.add_error("rag_override_reason", "Give the reason for overriding the suggested rating")
        if not data.get("rag_override"):
            data["rag_override_reason"] = ""
        return data

    def validate_unique(self):
        # The reference clash is reported on the field (clean_reference); the rest is for the database.
        pass


class ProgressUpdateForm(GDSFormMixin, forms.ModelForm):
    dated = DateField(label="Date of update")
    status = forms.ChoiceField(
        label="Status of the action now",
        choices=[
            (value, label)
            for value, label in Action.Status.choices
            if value not in {Action.Status.SIGNED_OFF, Action.Status.CANCELLED}
        ],
        help_text="Choose ‘Complete – awaiting sign-off’ when the work is done; an assistant director signs it off.",
    )

    class Meta:
        model = ProgressUpdate
        fields = ["dated", "narrative", "progress", "status", "next_steps", "risks"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "progress": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        }

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["progress"].initial = action.progress
        self.fields["status"].initial = action.status
        self.fields["dated"].initial = rag.today()

    def clean_dated(self) -> date:
        dated = self.cleaned_data["dated"]
        if dated > rag.today():
            raise ValidationError("The date of the update cannot be in the future")
        return dated


class ReviewForm(GDSFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (ProgressUpdate.ReviewStatus.SIGNED_OFF, "Sign off this update"),
            (ProgressUpdate.ReviewStatus.RETURNED, "Return it to the project manager with comments"),
        ],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="Needed when you return an update."
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == ProgressUpdate.ReviewStatus.RETURNED and not data.get("comments", "").strip():
            self.add_error("comments", "Say what needs to change before you return the update")
        return data


class SignOffForm(GDSFormMixin, forms.Form):
    evidence_note = forms.CharField(
        label="Evidence that the action is complete",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Needed if no evidence file has been uploaded.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["evidence_note"].initial = action.sign_off_note

    def clean(self):
        data = super().clean()
        if self.action.status != Action.Status.COMPLETE:
            raise ValidationError("Only an action reported complete can be signed off")
        if not data.get("evidence_note", "").strip() and not self.action.evidence_files.exists():
            self.add_error("evidence_note", "Give the evidence, or upload an evidence file first")
        return data


class EvidenceForm(GDSFormMixin, forms.Form):
    file = forms.FileField(
        help_text=f"PDF, Word, Excel, CSV, PNG, JPEG or plain text, up to {evidence.MAX_SIZE // (1024 * 1024)} MB."
    )
    note = forms.CharField(label="What it shows", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["content_type"] = evidence.check(upload)
        return upload


class PlanForm(GDSFormMixin, forms.ModelForm):
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date")
    agreed_on = DateField(label="Date agreed", required=False, help_text="Leave empty while it is a draft.")

    class Meta:
        model = Plan
        fields = ["title", "starts_on", "ends_on", "agreed_by", "agreed_on", "status", "parent", "district"]
        help_texts = {
            "parent": "For a district sub-plan, the countywide plan it sits under. Leave empty for a countywide plan.",
            "district": "For a district sub-plan only.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Plan.objects.filter(parent__isnull=True).exclude(pk=self.instance.pk)
        self.fields["parent"].empty_label = "None – this is a countywide plan"
        self.fields["district"].empty_label = "None – countywide"

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        parent, district = data.get("parent"), data.get("district")
        if parent and not district:
            self.add_error("district", "Choose the district this sub-plan is for")
        if district and not parent:
            self.add_error("parent", "Choose the countywide plan this district sub-plan sits under")
        if parent and district:
            clash = Plan.objects.filter(parent=parent, district=district).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("district", f"{district} already has a sub-plan under this plan")
        if self.instance.pk and self.instance.sub_plans.exists() and parent:
            self.add_error("parent", "A plan with district sub-plans cannot itself be a sub-plan")
        return data

    def validate_unique(self):
        pass  # reported on the fields above; the database constraints stand behind them


class ThemeForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["number", "title"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        if Theme.objects.filter(plan=self.plan, number=number).exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"The plan already has a theme {number}")
        return number

    def validate_unique(self):
        pass
