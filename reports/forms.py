from crispy_forms_gds.layout import Fieldset, Layout
from django import forms
from django.db import transaction

from improvement.forms import GDSFormMixin
from reports.models import Block, Committee, Paper, Section

FORMATTING_HINT = (
    "Plain text. Leave a blank line between paragraphs. Start a line with “- ” for a bullet or “1. ” for a "
    "numbered item. **bold**, *italic* and [link text](https://example.org) are understood; anything else, "
    "including HTML, is shown exactly as typed."
)


class PaperForm(GDSFormMixin, forms.ModelForm):
    new_committee = forms.CharField(
        label="Or add a committee",
        required=False,
        max_length=200,
        help_text="Only if the committee is not in the list above.",
    )

    class Meta:
        model = Paper
        fields = [
            "committee",
            "meeting_date",
            "subject",
            "presented_by",
            "classification",
            "exempt_paragraph",
            "previous_pathway",
            "electoral_division",
            "summary",
            "recommendations",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_telephone",
            "author_name",
            "author_role",
            "author_email",
            "author_telephone",
            "background_documents",
        ]
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}),
            "presented_by": forms.Textarea(attrs={"rows": 3}),
            "classification": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "recommendations": forms.Textarea(attrs={"rows": 3}),
            "background_documents": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"meeting_date": "For example, 2014-12-03.", "summary": FORMATTING_HINT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Either an existing committee or a new one typed in; clean() insists on one.
        self.fields["committee"].required = False
        self.fields["committee"].empty_label = "Choose a committee"
        self.helper.layout = Layout(
            Fieldset(
                "committee",
                "new_committee",
                "meeting_date",
                "subject",
                "presented_by",
                "classification",
                "exempt_paragraph",
                "previous_pathway",
                "electoral_division",
                legend="Header",
                legend_size="m",
            ),
            Fieldset("summary", "recommendations", legend="Summary and recommendations", legend_size="m"),
            Fieldset(
                "contact_name",
                "contact_role",
                "contact_email",
                "contact_telephone",
                legend="Contact lead officer",
                legend_size="m",
            ),
            Fieldset(
                "author_name",
                "author_role",
                "author_email",
                "author_telephone",
                legend="Author",
                legend_size="m",
            ),
            Fieldset("background_documents", legend="Background documents", legend_size="m"),
        )

    def clean(self):
        cleaned = super().clean()
        new_name = " ".join(cleaned.get("new_committee", "").split())
        cleaned["new_committee"] = new_name
        if new_name and cleaned.get("committee"):
            self.add_error("new_committee", "Choose a committee from the list or add one, not both")
        elif new_name:
            # An existing name typed again is the same committee; a new one is saved with the paper.
            existing = Committee.objects.filter(name__iexact=new_name).first()
            if existing is not None:
                cleaned["committee"], cleaned["new_committee"] = existing, ""
        elif not cleaned.get("committee") and "committee" not in self.errors:
            self.add_error("committee", "Choose the committee the paper goes to")
        if cleaned.get("classification") == Paper.Classification.EXEMPT and not cleaned.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Enter the exemption paragraph for an exempt paper")
        if cleaned.get("classification") == Paper.Classification.UNRESTRICTED:
            cleaned["exempt_paragraph"] = ""
        return cleaned

    def save(self, commit: bool = True) -> Paper:
        new_name = self.cleaned_data.get("new_committee")
        with transaction.atomic():
            if new_name:
                self.instance.committee, _ = Committee.objects.get_or_create(name=new_name)
            return super().save(commit)


class SectionForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["heading", "level", "numbered"]
        widgets = {"level": forms.RadioSelect}
        labels = {"level": "Is this a section or a sub-section?"}
        help_texts = {"level": "A sub-section is numbered under the section above it, for example 2.1."}


class TextBlockForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = Block
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {"text": "Paragraph"}
        help_texts = {"text": FORMATTING_HINT}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Enter the paragraph's text")
        return text


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])
