import os
from datetime import date
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from inspections.workdays import add_working_days, working_days_between

# Ofsted's single inspection framework began on 4 November 2013, replacing
# "adequate" with "requires improvement (to be good)".
SIF_START = date(2013, 11, 4)


class Judgement(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement (to be good)"
    ADEQUATE = "adequate", "Adequate"
    INADEQUATE = "inadequate", "Inadequate"

    @classmethod
    def on_scale_at(cls, when: date) -> list["Judgement"]:
        """The judgements Ofsted could give on a given date."""
        middle = cls.ADEQUATE if when < SIF_START else cls.REQUIRES_IMPROVEMENT
        return [cls.OUTSTANDING, cls.GOOD, middle, cls.INADEQUATE]


class DatePrecision(models.TextChoices):
    """How much of a date is known: the seed gives some only as "July 2014" or "2011"."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_date(when: date | None, precision: str = DatePrecision.DAY) -> str:
    """A date as people in England write it, to the precision that is known."""
    if when is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(when.year)
    if precision == DatePrecision.MONTH:
        return date_format(when, "F Y")
    return date_format(when, "j F Y")


# Ofsted expects the local authority's written action plan within 70 working
# days of a report's publication; a StatutoryClock row may change it per kind.
DEFAULT_ACTION_PLAN_WORKING_DAYS = 70


class ClockState(NamedTuple):
    """Where an inspection's written action plan stands against the statutory clock."""

    state: str  # "awaiting_publication", "submitted", "due", "overdue"
    due_on: date | None
    working_days: int  # left when due, past when overdue

    @property
    def label(self) -> str:
        if self.state == "awaiting_publication":
            return "Awaiting publication"
        if self.state == "submitted":
            return "Submitted"
        if self.state == "overdue":
            return "Overdue"
        return "Due"

    @property
    def short(self) -> str:
        """A few words for a table cell."""
        plural = "" if self.working_days == 1 else "s"
        if self.state == "overdue":
            return f"{self.working_days} working day{plural} overdue"
        if self.state == "due":
            return f"{self.working_days} working day{plural} left" if self.working_days else "Due today"
        if self.state == "submitted":
            return f"Was due {date_format(self.due_on, 'j M Y')}"
        return "Not yet published"

    @property
    def description(self) -> str:
        due = format_date(self.due_on)
        if self.state == "awaiting_publication":
            return "The clock starts when the report is published."
        if self.state == "submitted":
            return f"Action plan submitted (due {due})."
        plural = "" if self.working_days == 1 else "s"
        if self.state == "overdue":
            return f"Due {due}: {self.working_days} working day{plural} overdue."
        if self.working_days == 0:
            return f"Due today, {due}."
        return f"Due {due}: {self.working_days} working day{plural} left."


class InspectionQuerySet(models.QuerySet):
    def with_clock(self):
        """Annotates each inspection's statutory working days, so the clock needs no further query."""
        days = StatutoryClock.objects.filter(kind=models.OuterRef("kind")).values("working_days")[:1]
        return self.annotate(
            clock_working_days=Coalesce(models.Subquery(days), models.Value(DEFAULT_ACTION_PLAN_WORKING_DAYS))
        )

    def for_list(self):
        # Aggregation drops Meta.ordering, so the default order is restated.
        return (
            self.with_clock()
            .annotate(finding_count=models.Count("findings", distinct=True))
            .order_by("-started_on", "title", "pk")
        )

    def years(self) -> list[int]:
        """The years in which inspections started, newest first. One query."""
        return sorted({d.year for d in self.dates("started_on", "year")}, reverse=True)

    def ofsted_since(self, since: date):
        """Ofsted inspections that started on or after a date, oldest first: the seed's paragraph 1.5."""
        return self.filter(body__iexact="Ofsted", started_on__gte=since).order_by("started_on", "title")

    def journey_lines(self, since: date) -> list[str]:
        """The seed paper's paragraph 1.5 list: Ofsted inspections since a date, as lines. One query."""
        return [inspection.journey_line() for inspection in self.ofsted_since(since)]


REPORT_EXTENSIONS = ["pdf", "docx", "doc", "odt", "rtf", "txt"]


class Inspection(models.Model):
    """Any external or internal look at the service: inspections, reviews, interventions, audits."""

    class Kind(models.TextChoices):
        FULL = "full", "Ofsted full inspection"
        THEMATIC = "thematic", "Thematic inspection"
        MONITORING = "monitoring", "Monitoring visit"
        FOCUSED = "focused", "Focused visit"
        JTAI = "jtai", "Joint targeted area inspection"
        PEER_REVIEW = "peer_review", "Peer review"
        ASSURANCE = "assurance", "Assurance review"
        INTERVENTION = "intervention", "Government intervention"
        AUDIT = "audit", "Internal audit"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        UNDER_WAY = "under_way", "Under way"
        AWAITING_REPORT = "awaiting_report", "Awaiting report"
        PUBLISHED = "published", "Published"
        CLOSED = "closed", "Closed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    body = models.CharField(
        max_length=200, help_text="Who carried it out, for example Ofsted, the DfE or a peer authority."
    )
    title = models.CharField(max_length=300)
    started_on = models.DateField("start date")
    started_precision = models.CharField(
        "start date known to the", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ended_on = models.DateField("end date", null=True, blank=True)
    ended_precision = models.CharField(
        "end date known to the", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    published_on = models.DateField("date published", null=True, blank=True)
    publication_expected = models.CharField(
        "publication expected",
        max_length=100,
        blank=True,
        help_text="When no report is out yet, when one is expected, for example November 2014.",
    )
    expected_report = models.CharField(
        "report expected",
        max_length=100,
        blank=True,
        help_text="Which report is expected, for example joint national report.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    report_url = models.URLField("link to the report", blank=True)
    report_file = models.FileField(
        "report file",
        upload_to="inspections/reports/%Y/",
        blank=True,
        validators=[FileExtensionValidator(REPORT_EXTENSIONS)],
    )
    summary = models.TextField(blank=True)
    judgement = models.CharField("overall judgement", max_length=30, choices=Judgement.choices, blank=True)
    action_plan_required = models.BooleanField(
        "written action plan required",
        default=False,
        help_text="The statutory clock runs from publication until the action plan is submitted.",
    )
    action_plan_submitted_on = models.DateField("action plan submitted", null=True, blank=True)

    objects = InspectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="inspection_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(published_on__isnull=True) | models.Q(published_on__gte=models.F("started_on")),
                name="inspection_published_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspection_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = "The end date must be the same as or after the start date."
        if self.started_on and self.published_on and self.published_on < self.started_on:
            errors["published_on"] = "The date published must be the same as or after the start date."
        if self.started_on and self.judgement and self.judgement not in Judgement.on_scale_at(self.started_on):
            errors["judgement"] = judgement_off_scale_message(self.judgement, self.started_on)
        if self.action_plan_submitted_on and not self.action_plan_required:
            errors["action_plan_submitted_on"] = "Only give a submission date when a written action plan is required."
        elif self.action_plan_submitted_on and self.started_on and self.action_plan_submitted_on < self.started_on:
            errors["action_plan_submitted_on"] = "The action plan cannot be submitted before the inspection started."
        if errors:
            raise ValidationError(errors)

    @property
    def started_display(self) -> str:
        return format_date(self.started_on, self.started_precision)

    @property
    def ended_display(self) -> str:
        return format_date(self.ended_on, self.ended_precision)

    @property
    def dates_display(self) -> str:
        """For example "13 to 17 October 2014", or "July 2014" for a review dated only by month."""
        start, end = self.started_display, self.ended_display
        if not end or end == start:
            return start
        both_days = self.started_precision == self.ended_precision == DatePrecision.DAY
        if both_days and self.started_on.year == self.ended_on.year:
            if self.started_on.month == self.ended_on.month:
                return f"{self.started_on.day} to {end}"
            return f"{date_format(self.started_on, 'j F')} to {end}"
        return f"{start} to {end}"

    @property
    def publication_display(self) -> str:
        if self.published_on:
            return format_date(self.published_on)
        if self.publication_expected:
            return f"Expected {self.publication_expected}"
        return ""

    @property
    def report_filename(self) -> str:
        return os.path.basename(self.report_file.name) if self.report_file else ""

    @property
    def action_plan_working_days(self) -> int:
        """From the ``with_clock()`` annotation when present; otherwise one query."""
        annotated = getattr(self, "clock_working_days", None)
        return annotated if annotated is not None else StatutoryClock.working_days_for(self.kind)

    @property
    def action_plan_due_on(self) -> date | None:
        if not self.action_plan_required or not self.published_on:
            return None
        return add_working_days(self.published_on, self.action_plan_working_days)

    def clock(self, today: date | None = None) -> ClockState | None:
        """The statutory clock for the written action plan, or None when no plan is required."""
        if not self.action_plan_required:
            return None
        due_on = self.action_plan_due_on
        if due_on is None:
            return ClockState("awaiting_publication", None, 0)
        if self.action_plan_submitted_on:
            return ClockState("submitted", due_on, 0)
        today = today or timezone.localdate()
        left = working_days_between(today, due_on)
        if left < 0:
            return ClockState("overdue", due_on, -left)
        return ClockState("due", due_on, left)

    @property
    def current_clock(self) -> ClockState | None:
        return self.clock()

    def journey_line(self) -> str:
        """This inspection as a line of the seed's paragraph 1.5 list."""
        if self.published_on:
            line = f"{self.title} – published report {format_date(self.published_on)}"
            if self.judgement:
                line += f" ({self.get_judgement_display().lower()})"
            return line
        if self.publication_expected:
            report = self.expected_report or "report"
            return f"{self.title} – {report} expected to be published {self.publication_expected}"
        return self.title

    def finding_changes(self, limit: int = 20):
        """The newest changes to this inspection's findings and judgements, deleted ones included. Two queries."""
        kinds = {"+": "Added", "~": "Changed", "-": "Deleted"}
        records = [
            (record.history_date, record.history_user, kinds[record.history_type], f"Finding {record.reference}")
            for record in Finding.history.filter(inspection_id=self.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        ] + [
            (record.history_date, record.history_user, kinds[record.history_type], f"Judgement for {record.area}")
            for record in SubJudgement.history.filter(inspection_id=self.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        ]
        records.sort(key=lambda record: record[0], reverse=True)
        return [
            {"when": when, "who": str(who) if who else "The system", "what": what, "item": item}
            for when, who, what, item in records[:limit]
        ]

    def deletion_blockers(self) -> list[str]:
        """Why this inspection may not be deleted: what elsewhere answers its findings or refers to it.

        Looks at every relation that other models hold to findings and to the
        inspection itself, so it needs no change when a new app (the action
        plan's ``Action.findings``) points here. One query per relation.
        """
        own_parts = {Finding, SubJudgement}
        blockers = related_elsewhere(self.findings.all(), "its findings")
        blockers += related_elsewhere(Inspection.objects.filter(pk=self.pk), "it", skip=own_parts)
        return blockers


class StatutoryClock(models.Model):
    """How many working days after publication a written action plan is due, for one kind of inspection."""

    kind = models.CharField(max_length=20, choices=Inspection.Kind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(
        default=DEFAULT_ACTION_PLAN_WORKING_DAYS, validators=[MinValueValidator(1)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = "statutory clock"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days} working days"

    def get_absolute_url(self) -> str:
        return reverse("admin:inspections_statutoryclock_change", args=[self.pk])

    @classmethod
    def working_days_for(cls, kind: str) -> int:
        """Hits the database once."""
        days = cls.objects.filter(kind=kind).values_list("working_days", flat=True).first()
        return days or DEFAULT_ACTION_PLAN_WORKING_DAYS


def judgement_off_scale_message(judgement: str, when: date) -> str:
    label = Judgement(judgement).label
    if when < SIF_START:
        return f"{label} was not on Ofsted's scale before 4 November 2013. Choose adequate instead."
    return f"{label} was not on Ofsted's scale from 4 November 2013. Choose requires improvement instead."


def related_elsewhere(queryset: models.QuerySet, what: str, skip=frozenset()) -> list[str]:
    """Sentences naming what other models hold references to the objects in ``queryset``.

    Every reverse relation is checked (foreign keys, one-to-ones and
    many-to-manys), except those from the models in ``skip``. One query each.
    """
    sentences = []
    model = queryset.model
    for relation in model._meta.related_objects:
        # Audit records are not references: history must never stop a deletion.
        if relation.related_model in skip or hasattr(relation.related_model, "instance_type"):
            continue
        field_name = relation.field.name
        count = relation.related_model._default_manager.filter(**{f"{field_name}__in": queryset}).distinct().count()
        if count:
            meta = relation.related_model._meta
            noun = meta.verbose_name if count == 1 else meta.verbose_name_plural
            verb = "refers" if count == 1 else "refer"
            sentences.append(f"{count} {noun} {verb} to {what}.")
    return sentences


class SubJudgement(models.Model):
    """A judgement on one area, where the framework gives several (for example, children in care)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sub_judgements")
    area = models.CharField(max_length=200)
    judgement = models.CharField(max_length=30, choices=Judgement.choices)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area"], name="sub_judgement_area_unique_per_inspection"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.get_judgement_display()}"

    def get_absolute_url(self) -> str:
        return reverse("inspection_detail", args=[self.inspection_id]) + "#judgements"

    def clean(self) -> None:
        inspection = getattr(self, "inspection", None)
        if inspection and self.judgement and self.judgement not in Judgement.on_scale_at(inspection.started_on):
            raise ValidationError({"judgement": judgement_off_scale_message(self.judgement, inspection.started_on)})


class Finding(models.Model):
    """Something an inspection found, quoted word for word."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Area for further development"
        STRENGTH = "strength", "Strength"
        KEY_OBSERVATION = "key_observation", "Key observation"
        KEY_ENABLER = "key_enabler", "Key enabler"

    class Priority(models.TextChoices):
        IMMEDIATE = "immediate", "Immediate"
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    reference = models.CharField(max_length=30)
    text = models.TextField()
    priority = models.CharField(max_length=20, choices=Priority.choices, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"], name="finding_reference_unique_per_inspection"),
            models.CheckConstraint(condition=~models.Q(text=""), name="finding_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("finding_detail", args=[self.inspection_id, self.pk])

    def clean(self) -> None:
        if not (self.text or "").strip():
            raise ValidationError({"text": "Enter the finding's text, as the report words it."})

    @classmethod
    def next_position(cls, inspection: Inspection) -> int:
        """A position after every existing finding of the inspection. One query."""
        last = inspection.findings.aggregate(last=models.Max("position"))["last"]
        return 0 if last is None else last + 1

    def move(self, direction: str) -> bool:
        """Swaps this finding with its neighbour of the same kind; False at either end.

        Renumbers the kind's findings first, since findings added by hand may share a
        position. Call inside a transaction.
        """
        siblings = list(Finding.objects.select_for_update().filter(inspection_id=self.inspection_id, kind=self.kind))
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == self.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return False
        slots = sorted(sibling.position for sibling in siblings)
        # keep the kind's slots among the other kinds' findings, but make them distinct
        for i in range(1, len(slots)):
            slots[i] = max(slots[i], slots[i - 1] + 1)
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for sibling, slot in zip(siblings, slots, strict=True):
            if sibling.position != slot:
                sibling.position = slot
                sibling.save(update_fields=["position"])
        self.refresh_from_db(fields=["position"])
        return True

    @property
    def needs_action(self) -> bool:
        """Recommendations and areas for development must be answered by an action."""
        return self.kind in {self.Kind.RECOMMENDATION, self.Kind.AREA_FOR_DEVELOPMENT}
