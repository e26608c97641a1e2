"""The improvement plan: plans and their themes, actions, progress updates and evidence.

Dashboards and committee papers read these through the QuerySet methods below,
which are named for their callers and say when they touch the database.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actionplans import rag


class Plan(models.Model):
    """The countywide improvement plan, or one district's localised sub-plan of it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AGREED = "agreed", "Agreed"
        SUPERSEDED = "superseded", "Superseded"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=300)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date")
    agreed_by = models.CharField(max_length=200, blank=True, help_text="For example, SCS DivMT.")
    agreed_on = models.DateField("date agreed", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # A district sub-plan sits under the countywide plan and uses its themes.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_plans",
        verbose_name="countywide plan",
    )
    district = models.ForeignKey(
        "organisation.District", on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "district__name", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="plan_ends_after_it_starts"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, district__isnull=True)
                | Q(parent__isnull=False, district__isnull=False),
                name="plan_sub_plan_has_district_and_parent",
            ),
            models.UniqueConstraint(fields=["parent", "district"], name="plan_one_sub_plan_per_district"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", args=[self.pk])

    @property
    def is_sub_plan(self) -> bool:
        return self.parent_id is not None

    @property
    def theme_plan_id(self) -> int:
        """The plan whose themes this plan uses: its parent's for a sub-plan."""
        return self.parent_id or self.pk

    def themes_in_use(self) -> models.QuerySet["Theme"]:
        """The themes this plan's actions may use (lazy; one query when read)."""
        return Theme.objects.filter(plan_id=self.theme_plan_id)


class Theme(models.Model):
    """A numbered theme of a countywide plan, such as (1) Quality of Practice."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="theme_number_unique_per_plan"),
        ]

    def __str__(self) -> str:
        return f"({self.number}) {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", args=[self.plan_id]) + f"#theme-{self.number}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ActionQuerySet":
        """Actions this person may read: every action for anyone with a role (lazy).

        Reads the person's roles once (cached on the user object).
        """
        if user.is_superuser or user.role_names:
            return self
        return self.none()

    def editable_by(self, user) -> "ActionQuerySet":
        """Actions this person may change (lazy; reads their permissions once).

        Assistant directors: everything. Project managers: their districts'
        sub-plans and the actions they lead; one who works countywide (no
        districts) also the countywide actions. Anyone else: nothing.
        """
        if user.is_superuser or user.has_perm("actionplans.sign_off_action"):
            return self
        if not user.has_perm("actionplans.change_action"):
            return self.none()
        scope = Q(lead_officer=user) | Q(plan__district__in=user.districts.all())
        if not user.districts.exists():
            scope |= Q(district__isnull=True)
        return self.filter(scope)

    def open(self) -> "ActionQuerySet":
        return self.filter(status__in=Action.OPEN_STATUSES)

    def overdue(self, today: date | None = None) -> "ActionQuerySet":
        """Open actions whose (revised) due date has passed (lazy)."""
        today = today or rag.today()
        return self.open().alias(effective_due=Coalesce("revised_due_on", "due_on")).filter(effective_due__lt=today)

    def due_within(self, days: int, today: date | None = None) -> "ActionQuerySet":
        """Open actions due from today to ``days`` days ahead (lazy)."""
        from datetime import timedelta

        today = today or rag.today()
        return (
            self.open()
            .alias(effective_due=Coalesce("revised_due_on", "due_on"))
            .filter(effective_due__gte=today, effective_due__lte=today + timedelta(days=days))
        )

    def with_rag(self, today: date | None = None) -> "ActionQuerySet":
        """Annotates ``rag_value`` (the effective rating) computed in SQL, for filtering and sorting."""
        return self.annotate(rag_value=rag.rag_expression(today or rag.today()))

    def for_list(self) -> "ActionQuerySet":
        """Loads what a list row shows in one query (joins plan, theme, district)."""
        return self.select_related("plan", "theme", "district")

    def answering(self, findings) -> "ActionQuerySet":
        return self.filter(findings__in=findings).distinct()


class Action(models.Model):
    """Something the council will do, under a theme of a plan, to answer findings."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete – awaiting sign-off"
        SIGNED_OFF = "signed_off", "Signed off"
        BLOCKED = "blocked", "Blocked"
        DEFERRED = "deferred", "Deferred"
        CANCELLED = "cancelled", "Cancelled"

    OPEN_STATUSES = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED, Status.DEFERRED]

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(max_length=30, help_text="Unique in its plan, for example 1.3 or ASH-2.1.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="actions")
    # Empty for a countywide action; a sub-plan's actions carry its district.
    district = models.ForeignKey(
        "organisation.District", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    lead_officer_name = models.CharField("lead officer", max_length=200)
    lead_officer_title = models.CharField("lead officer's job title", max_length=200, blank=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name="lead officer's account",
    )
    starts_on = models.DateField("start date")
    due_on = models.DateField("due date", help_text="The date first agreed. A later date goes in the revised due date.")
    revised_due_on = models.DateField("revised due date", null=True, blank=True)
    revision_reason = models.TextField("reason for the revised date", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(
        "progress (%)",
        default=0,
        help_text="How much is done, 0 to 100.",
        validators=[MaxValueValidator(100, "Progress must be between 0 and 100")],
    )
    success_measure = models.TextField(blank=True)
    evidence_of_impact = models.TextField(blank=True)
    findings = models.ManyToManyField(
        "inspections.Finding", related_name="actions", blank=True, verbose_name="findings it answers"
    )
    contributes_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name="countywide action it contributes to",
    )
    rag_override = models.CharField("RAG override", max_length=10, choices=rag.Rating.overridable(), blank=True)
    rag_override_reason = models.TextField("reason for the override", blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField("evidence note", blank=True)
    # Optimistic locking: each save through a form must carry the version it was read at.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[findings])

    class Meta:
        ordering = ["plan_id", "reference"]
        permissions = [
            ("sign_off_action", "Can sign off a completed action"),
            ("import_actions", "Can import actions from a spreadsheet"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_unique_per_plan"),
            models.CheckConstraint(condition=Q(due_on__gte=F("starts_on")), name="action_due_after_start"),
            models.CheckConstraint(
                condition=Q(revised_due_on__isnull=True) | Q(revised_due_on__gte=F("starts_on")),
                name="action_revised_due_after_start",
            ),
            models.CheckConstraint(
                condition=Q(revised_due_on__isnull=True) | ~Q(revision_reason=""),
                name="action_revised_due_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(rag_override="") | ~Q(rag_override_reason=""), name="action_rag_override_has_reason"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_at_most_100"),
            models.CheckConstraint(
                condition=~Q(status="signed_off") | Q(signed_off_by__isnull=False),
                name="action_signed_off_has_signatory",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("action_detail", args=[self.pk])

    @property
    def due(self) -> date:
        """The date it is due now: the revised date if there is one."""
        return self.revised_due_on or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due < rag.today()

    @property
    def suggested_rag(self) -> "rag.Rating":
        return rag.suggest(self)

    @property
    def rag(self) -> "rag.Rating":
        """The rating people see: the override if someone set one, else the suggestion. No queries."""
        return rag.Rating(self.rag_override) if self.rag_override else self.suggested_rag

    @property
    def rag_reason(self) -> str:
        """Why it has its rating, in words."""
        return rag.explain(self)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.plan_id and self.theme_id and self.theme.plan_id != self.plan.theme_plan_id:
            errors["theme"] = "Choose one of the plan's themes."
        if self.plan_id and self.plan.district_id and self.district_id != self.plan.district_id:
            errors["district"] = "A district sub-plan's actions belong to its district."
        if errors:
            raise ValidationError(errors)

    class StaleVersion(Exception):
        """Someone saved the action after this copy of it was read."""

    def save_as_next_version(self, read_version: int | None = None) -> None:
        """Saves, claiming the next version number; raises StaleVersion if anyone saved since ``read_version``.

        Two queries (a conditional update, then the save with its history row); call inside a transaction.
        """
        expected = self.version if read_version is None else read_version
        if not Action.objects.filter(pk=self.pk, version=expected).update(version=expected + 1):
            raise Action.StaleVersion
        self.version = expected + 1
        self.save()

    def can_be_signed_off(self) -> bool:
        """True when complete and evidenced by a file or a note. May query evidence once."""
        return self.status == self.Status.COMPLETE and (bool(self.sign_off_note) or self.evidence_files.exists())


class ProgressUpdateQuerySet(models.QuerySet):
    def awaiting_review_by(self, user) -> "ProgressUpdateQuerySet":
        """Updates waiting for this assistant director (every one awaiting review; lazy)."""
        if not (user.is_superuser or user.has_perm("actionplans.review_progressupdate")):
            return self.none()
        return self.filter(review_status=ProgressUpdate.ReviewStatus.AWAITING)


class ProgressUpdate(models.Model):
    """A dated account of an action's progress, reviewed by an assistant director."""

    class ReviewStatus(models.TextChoices):
        AWAITING = "awaiting", "Awaiting review"
        SIGNED_OFF = "signed_off", "Signed off"
        RETURNED = "returned", "Returned"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    dated = models.DateField("date of update")
    narrative = models.TextField("progress made")
    rag = models.CharField("RAG at the time", max_length=10, choices=rag.Rating.choices)
    progress = models.PositiveSmallIntegerField(
        "progress (%)", validators=[MaxValueValidator(100, "Progress must be between 0 and 100")]
    )
    next_steps = models.TextField(blank=True)
    risks = models.TextField("risks and issues", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates")
    review_status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.AWAITING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="reviewed_updates"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comments = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-dated", "-created_at"]
        get_latest_by = ["dated", "created_at"]
        permissions = [("review_progressupdate", "Can sign off or return a progress update")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(review_status="awaiting") | Q(reviewer__isnull=False, reviewed_at__isnull=False),
                name="update_reviewed_has_reviewer",
            ),
            models.CheckConstraint(
                condition=~Q(review_status="returned") | ~Q(review_comments=""),
                name="update_returned_has_comments",
            ),
        ]

    def __str__(self) -> str:
        return f"Update on {self.action.reference}, {self.dated:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("action_detail", args=[self.action_id]) + f"#update-{self.pk}"

    @property
    def rag_rating(self) -> "rag.Rating":
        return rag.Rating(self.rag)


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    # A fresh random name: the person's file name is kept in original_name only.
    import uuid

    return f"evidence/{instance.action_id}/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    """A file that shows an action was done. Served only through a permission-checked view."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="evidence_files")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField("file name", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    note = models.TextField(blank=True, help_text="What it shows.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("evidence_download", args=[self.pk])


class ImportBatch(models.Model):
    """A parsed spreadsheet kept between its preview and the confirmation that writes it.

    Not itself historical: the actions it writes carry the history, with the file's name as the reason.
    """

    token = models.UUIDField(unique=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    rows = models.JSONField(help_text="The parsed rows, values normalised.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.file_name} into {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("import_preview", args=[self.token])
