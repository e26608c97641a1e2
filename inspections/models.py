from datetime import date

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

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
    ended_on = models.DateField("end date", null=True, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    publication_expected = models.CharField(
        "publication expected",
        max_length=100,
        blank=True,
        help_text="When no report is out yet, when one is expected, for example November 2014.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    report_url = models.URLField("link to the report", blank=True)
    summary = models.TextField(blank=True)
    judgement = models.CharField(max_length=30, choices=Judgement.choices, blank=True)

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


class Finding(models.Model):
    """Something an inspection found, quoted word for word."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Area for further development"
        STRENGTH = "strength", "Strength"
        KEY_OBSERVATION = "key_observation", "Key observation"

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
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("finding_detail", args=[self.inspection_id, self.pk])

    @property
    def needs_action(self) -> bool:
        """Recommendations and areas for development must be answered by an action."""
        return self.kind in {self.Kind.RECOMMENDATION, self.Kind.AREA_FOR_DEVELOPMENT}
