import re
from datetime import date

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError

from improvement.forms import GDSFormMixin
from inspections.models import DatePrecision, Finding, Inspection, SubJudgement

MAX_REPORT_BYTES = 20 * 1024 * 1024


class GOVUKDateField(DateInputField):
    """A GOV.UK date input whose messages say what to fix in plain words."""

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        return _make_date(int(year), int(month), int(day))


def _make_date(year: int, month: int, day: int) -> date:
    if not 1000 <= year <= 9999:
        raise ValidationError("The year must have 4 numbers, for example 2014.")
    if not 1 <= month <= 12:
        raise ValidationError("The month must be a number from 1 to 12.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError("Enter a real date, for example 13 10 2014.") from None


class PartialDateField(GOVUKDateField):
    """A GOV.UK date input that also takes a month and year, or a year alone.

    Cleans to ``(date, precision)``: the seed dates some reviews only as
    "July 2014" and the Improvement Notice as "2011".
    """

    def __init__(self, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = False

    @staticmethod
    def parts(value: date | None, precision: str) -> list:
        """The day, month and year boxes for a date known to ``precision``."""
        if value is None:
            return [None, None, None]
        if precision == DatePrecision.YEAR:
            return [None, None, value.year]
        if precision == DatePrecision.MONTH:
            return [None, value.month, value.year]
        return [value.day, value.month, value.year]

    def compress(self, data_list):
        day, month, year = (list(data_list) + [None, None, None])[:3]
        if not year:
            if day or month:
                raise ValidationError("Enter the year.")
            return None
        if day and not month:
            raise ValidationError("Enter the month, or leave the day blank too.")
        if day:
            return _make_date(int(year), int(month), int(day)), DatePrecision.DAY
        if month:
            return _make_date(int(year), int(month), 1), DatePrecision.MONTH
        return _make_date(int(year), 1, 1), DatePrecision.YEAR


class InspectionForm(GDSFormMixin, forms.ModelForm):
    started_on = PartialDateField(
        label="Start date",
        help_text="For example, 13 10 2014. Leave the day blank if only the month is known, "
        "and the month too if only the year is.",
    )
    ended_on = PartialDateField(label="End date (optional)", required=False, help_text="For example, 17 10 2014.")
    published_on = GOVUKDateField(
        label="Date the report was published (optional)",
        required=False,
        require_all_fields=False,
        help_text="For example, 23 8 2013.",
    )
    report_url = forms.URLField(
        label="Link to the report (optional)",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="For example, the report's page on the publisher's site.",
        widget=forms.URLInput(attrs={"class": "govuk-input"}),
        error_messages={"invalid": "Enter a web address, for example https://reports.example.org/kent."},
    )
    action_plan_submitted_on = GOVUKDateField(
        label="Date the action plan was submitted (optional)",
        required=False,
        require_all_fields=False,
        help_text="Stops the statutory clock.",
    )

    class Meta:
        model = Inspection
        fields = [
            "kind",
            "body",
            "title",
            "status",
            "started_on",
            "ended_on",
            "published_on",
            "publication_expected",
            "expected_report",
            "judgement",
            "summary",
            "report_url",
            "report_file",
            "action_plan_required",
            "action_plan_submitted_on",
        ]
        labels = {
            "publication_expected": "Publication expected (optional)",
            "expected_report": "Report expected (optional)",
            "judgement": "Overall judgement (optional)",
            "summary": "Summary (optional)",
            "report_file": "Report file (optional)",
        }
        help_texts = {
            "judgement": "Before 4 November 2013 Ofsted's scale had adequate; from then, requires improvement.",
            "report_file": "PDF, Word, OpenDocument, RTF or text, up to 20 MB.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            # Not the clearable widget: its "Currently" link would point at MEDIA_URL, which is not served.
            "report_file": forms.FileInput(attrs={"class": "govuk-file-upload"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose a kind"), *self.fields["kind"].choices[1:]]
        for name, message in {
            "kind": "Choose the kind of inspection or review.",
            "body": "Enter who carried it out, for example Ofsted.",
            "title": "Enter the title, for example Fostering Services.",
            "started_on": "Enter the start date: at least the year.",
            "status": "Choose the status.",
        }.items():
            self.fields[name].error_messages["required"] = message
        self.fields["judgement"].choices = [("", "No judgement given"), *self.fields["judgement"].choices[1:]]
        if self.instance.pk:
            # Show only what is known: "July 2014" leaves the day box empty.
            for name in ("started_on", "ended_on"):
                value = getattr(self.instance, name)
                precision = getattr(self.instance, name.replace("_on", "_precision"))
                self.initial[name] = PartialDateField.parts(value, precision)

    def clean_report_file(self):
        upload = self.cleaned_data.get("report_file")
        if upload and getattr(upload, "size", 0) > MAX_REPORT_BYTES:
            raise ValidationError("The report file must be smaller than 20 MB.")
        return upload

    def _post_clean(self):
        # Split the (date, precision) pairs onto the model's two fields each.
        for name in ("started_on", "ended_on"):
            value = self.cleaned_data.get(name)
            if isinstance(value, tuple):
                self.cleaned_data[name] = value[0]
                setattr(self.instance, name.replace("_on", "_precision"), value[1])
            elif name in self.cleaned_data and value is None:
                setattr(self.instance, name.replace("_on", "_precision"), DatePrecision.DAY)
        super()._post_clean()


class SubJudgementForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = SubJudgement
        fields = ["area", "judgement"]
        labels = {"area": "Area judged"}
        error_messages = {
            "area": {"required": "Enter the area judged."},
            "judgement": {"required": "Choose the judgement given."},
        }
        help_texts = {"area": "For example, children looked after and achieving permanence."}

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.inspection = inspection
        self.fields["judgement"].choices = [("", "Choose a judgement"), *self.fields["judgement"].choices[1:]]

    def clean_area(self) -> str:
        area = self.cleaned_data["area"].strip()
        if self.instance.inspection.sub_judgements.exclude(pk=self.instance.pk).filter(area=area).exists():
            raise ValidationError("This inspection already has a judgement for that area.")
        return area


class FindingForm(GDSFormMixin, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "reference", "priority", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "reference": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
        }
        labels = {"reference": "Reference (optional)", "priority": "Priority (optional)", "text": "Text"}
        help_texts = {
            "reference": "Leave blank to number it automatically, for example R3.",
            "text": "Word for word, as the report puts it.",
        }

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.inspection = inspection
        self.fields["reference"].required = False
        self.fields["text"].error_messages["required"] = "Enter the finding's text, as the report words it."
        self.fields["kind"].error_messages["required"] = "Choose the kind of finding."
        self.fields["kind"].choices = Finding.Kind.choices
        if not self.instance.pk:
            self.initial.setdefault("kind", Finding.Kind.RECOMMENDATION)
        self.fields["priority"].choices = [("", "Not given"), *self.fields["priority"].choices[1:]]

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        others = self.instance.inspection.findings.exclude(pk=self.instance.pk)
        if reference and others.filter(reference=reference).exists():
            raise ValidationError(
                f"Another finding of this inspection is already {reference}. Choose another reference."
            )
        return reference

    def _post_clean(self):
        kind = self.cleaned_data.get("kind")
        if kind and not self.cleaned_data.get("reference"):
            if self.instance.pk:
                self.cleaned_data["reference"] = Finding.objects.get(pk=self.instance.pk).reference
            else:
                self.cleaned_data["reference"] = next_references(self.instance.inspection, kind, 1)[0]
        super()._post_clean()


REFERENCE_PREFIXES = {
    Finding.Kind.RECOMMENDATION: "R",
    Finding.Kind.AREA_FOR_DEVELOPMENT: "AFD",
    Finding.Kind.STRENGTH: "S",
    Finding.Kind.KEY_OBSERVATION: "KO",
    Finding.Kind.KEY_ENABLER: "KE",
}


def next_references(inspection: Inspection, kind: str, count: int, exclude_pk=None) -> list[str]:
    """The next ``count`` free references of a kind on an inspection, such as R4, R5. One query."""
    prefix = REFERENCE_PREFIXES[kind]
    taken = set(inspection.findings.exclude(pk=exclude_pk).values_list("reference", flat=True))
    references, number = [], 1
    while len(references) < count:
        candidate = f"{prefix}{number}"
        if candidate not in taken:
            references.append(candidate)
        number += 1
    return references


# A list marker copied out of a report: a bullet, or a number such as 1. 1) (1) a)
LIST_MARKER = re.compile(r"^\s*(?:[•●▪◦‣*–-]|\(?\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s+")


class BulkFindingsForm(GDSFormMixin, forms.Form):
    kind = forms.ChoiceField(label="What kind of findings are these?", choices=Finding.Kind.choices)
    priority = forms.ChoiceField(
        label="Priority (optional)", choices=[("", "Not given"), *Finding.Priority.choices], required=False
    )
    text = forms.CharField(
        label="Findings, one on each line",
        help_text="Paste them as the report words them. A bullet or number at the start of a line is removed. "
        "Do not leave blank lines.",
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Paste at least one finding."

    def clean_text(self) -> list[str]:
        pasted = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if not pasted:
            raise ValidationError("Paste at least one finding.")
        lines = pasted.split("\n")
        blank = [str(number) for number, line in enumerate(lines, start=1) if not line.strip()]
        if blank:
            which = "Line " + blank[0] + " is" if len(blank) == 1 else "Lines " + ", ".join(blank) + " are"
            raise ValidationError(
                f"{which} blank. Put one finding on each line with no blank lines between them. Nothing was saved."
            )
        findings = [LIST_MARKER.sub("", line).strip() for line in lines]
        empty = [str(number) for number, text in enumerate(findings, start=1) if not text]
        if empty:
            raise ValidationError(f"Line {empty[0]} has a bullet or number but no text. Nothing was saved.")
        return findings
