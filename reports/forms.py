from crispy_forms_gds.layout import Fieldset, Layout
from django import forms

from improvement.forms import GDSFormMixin
from reports.models import Block, Paper, Section

FORMATTING_HINT = (
    "Plain text. Leave a blank line between paragraphs. Start a line with “- ” for a bullet or “1. ” for a "
    "numbered item. **bold**, *italic* and [link text](https://example.org) are understood; anything else, "
    "including HTML, is shown exactly as typed."
)


class PaperForm(GDSFormMixin, forms.ModelForm):
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
        self.helper.layout = Layout(
            Fieldset(
                "committee",
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
        if cleaned.get("classification") == Paper.Classification.EXEMPT and not cleaned.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Enter the exemption paragraph for an exempt paper")
        if cleaned.get("classification") == Paper.Classification.UNRESTRICTED:
            cleaned["exempt_paragraph"] = ""
        return cleaned


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
