import hashlib

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Committee(models.Model):
    """A council committee that receives papers, such as a cabinet committee."""

    name = models.CharField(max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("paper_list") + f"?committee={self.pk}"


class PaperQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PaperQuerySet":
        """Composers see every paper; everyone else only papers with a published version."""
        if user.has_perm("reports.change_paper"):
            return self
        return self.filter(Exists(PublishedVersion.objects.filter(paper=OuterRef("pk"))))

    def for_list(self) -> "PaperQuerySet":
        # Aggregating drops Meta.ordering, so the list's order is given again here.
        return (
            self.select_related("committee")
            .annotate(latest_version=Max("versions__number"), last_published_at=Max("versions__published_at"))
            .order_by("-meeting_date", "subject", "pk")
        )


class Paper(models.Model):
    """A committee paper in the council's standard format, composed of numbered sections."""

    class Classification(models.TextChoices):
        UNRESTRICTED = "unrestricted", "Unrestricted"
        EXEMPT = "exempt", "Exempt"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="papers")
    meeting_date = models.DateField("meeting date")
    subject = models.CharField(max_length=300)
    presented_by = models.TextField(
        "by",
        blank=True,
        help_text="One office holder a line, for example: Peter Oakford, Cabinet Member for Specialist "
        "Children's Services.",
    )
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.UNRESTRICTED
    )
    exempt_paragraph = models.CharField(
        "exemption paragraph",
        max_length=200,
        blank=True,
        help_text="For an exempt paper, the paragraph of Schedule 12A that applies, for example: Paragraph 3.",
    )
    previous_pathway = models.CharField("previous pathway", max_length=300, blank=True)
    electoral_division = models.CharField("electoral division", max_length=200, blank=True, default="All")
    summary = models.TextField(blank=True)
    recommendations = models.TextField(
        blank=True, help_text="One recommendation a paragraph, for example: Members are asked to **NOTE** …"
    )
    contact_name = models.CharField("contact lead officer's name", max_length=200, blank=True)
    contact_role = models.CharField("contact lead officer's role", max_length=300, blank=True)
    contact_email = models.EmailField("contact lead officer's email address", blank=True)
    contact_telephone = models.CharField("contact lead officer's telephone", max_length=50, blank=True)
    author_name = models.CharField("author's name", max_length=200, blank=True)
    author_role = models.CharField("author's role", max_length=300, blank=True)
    author_email = models.EmailField("author's email address", blank=True)
    author_telephone = models.CharField("author's telephone", max_length=50, blank=True)
    background_documents = models.TextField("background documents", blank=True, help_text="One document a line.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "subject", "pk"]
        permissions = [("publish_paper", "Can publish a committee paper")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(classification="exempt") | ~Q(exempt_paragraph=""),
                name="paper_exempt_names_its_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.committee}, {self.meeting_date:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("paper_detail", args=[self.pk])

    @property
    def office_holders(self) -> list[str]:
        return _lines(self.presented_by)

    @property
    def background_document_list(self) -> list[str]:
        return _lines(self.background_documents)

    @property
    def classification_display(self) -> str:
        if self.classification == self.Classification.EXEMPT:
            return f"Exempt – {self.exempt_paragraph}"
        return self.get_classification_display()

    def missing_for_publication(self) -> list[str]:
        """What a clerk must still fill in before the paper can be published, as field labels."""
        required = {
            "presented_by": "By (at least one office holder)",
            "subject": "Subject",
            "previous_pathway": "Previous pathway",
            "electoral_division": "Electoral division",
            "summary": "Summary",
            "recommendations": "Recommendations",
            "contact_name": "Contact lead officer's name",
            "contact_email": "Contact lead officer's email address",
            "author_name": "Author's name",
            "author_email": "Author's email address",
        }
        missing = [label for name, label in required.items() if not str(getattr(self, name)).strip()]
        if self.classification == self.Classification.EXEMPT and not self.exempt_paragraph.strip():
            missing.append("Exemption paragraph")
        return missing

    def previous_version(self) -> "PublishedVersion | None":
        """The latest published version of this committee's previous paper, for "changes since" blocks.

        Hits the database once.
        """
        return (
            PublishedVersion.objects.filter(
                paper__committee_id=self.committee_id, paper__meeting_date__lt=self.meeting_date
            )
            .defer("html", "pdf", "docx")
            .order_by("-paper__meeting_date", "-number")
            .first()
        )

    def latest_version(self) -> "PublishedVersion | None":
        """Hits the database."""
        return self.versions.order_by("-number").first()

    def publish(self, by, rendered=None) -> "PublishedVersion":
        """Freezes the paper as it stands now: HTML, PDF and Word file, with the PDF's checksum.

        Renders every data block unless given them rendered already (many queries and a PDF
        layout: seconds, not milliseconds). Callers check ``missing_for_publication`` first.
        """
        from reports.rendering import body_html, render_paper, render_pdf
        from reports.word import build_docx

        with transaction.atomic():
            # Lock the paper so that two people publishing at once get consecutive numbers.
            Paper.objects.select_for_update().filter(pk=self.pk).first()
            rendered = rendered or render_paper(self)
            pdf = render_pdf(self, rendered)
            number = (self.versions.aggregate(top=Max("number"))["top"] or 0) + 1
            version = PublishedVersion.objects.create(
                paper=self,
                number=number,
                title=rendered.title,
                html=body_html(rendered),
                pdf=pdf,
                docx=build_docx(rendered),
                sha256=hashlib.sha256(pdf).hexdigest(),
                published_by=by,
                published_at=timezone.now(),
            )
            if self.status != self.Status.PUBLISHED:
                self.status = self.Status.PUBLISHED
                self.save(update_fields=["status", "updated_at"])
        return version

    def move_section(self, section: "Section", direction: str) -> None:
        _swap(self.sections.all(), section, direction)

    def next_section_position(self) -> int:
        return (self.sections.aggregate(top=Max("position"))["top"] or 0) + 1


class Section(models.Model):
    """A heading in a paper. Sections are numbered 1, 2 …; sub-sections 2.1, 2.2 under the section above."""

    class Level(models.IntegerChoices):
        SECTION = 1, "Section"
        SUB_SECTION = 2, "Sub-section"

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    heading = models.CharField(max_length=300)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.SECTION)
    numbered = models.BooleanField(
        "number the paragraphs", default=True, help_text="Give each paragraph a number such as 1.1, 1.2."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "position"], name="section_position_unique_per_paper"),
        ]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse("paper_detail", args=[self.paper_id]) + f"#section-{self.pk}"

    def move_block(self, block: "Block", direction: str) -> None:
        _swap(self.blocks.all(), block, direction)

    def next_block_position(self) -> int:
        return (self.blocks.aggregate(top=Max("position"))["top"] or 0) + 1


class Block(models.Model):
    """One paragraph of text, or a live data block drawn from the tracker when the paper is rendered."""

    TEXT = "text"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=50, default=TEXT)
    text = models.TextField(blank=True)
    options = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "position"], name="block_position_unique_per_section"),
        ]

    def __str__(self) -> str:
        if self.is_text:
            return self.text[:80] or "(empty paragraph)"
        return self.kind_label

    def get_absolute_url(self) -> str:
        return reverse("paper_detail", args=[self.section.paper_id]) + f"#block-{self.pk}"

    @property
    def is_text(self) -> bool:
        return self.kind == self.TEXT

    @property
    def kind_label(self) -> str:
        from reports.blocks import label_for

        return label_for(self.kind)


class PublishedVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PublishedVersion.Immutable("A published version cannot be changed.")

    def delete(self):
        raise PublishedVersion.Immutable("A published version cannot be deleted.")


class PublishedVersion(models.Model):
    """A paper frozen as it was published: its HTML, PDF and Word file, never changed afterwards."""

    class Immutable(Exception):
        pass

    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    html = models.TextField(help_text="The paper's body as published, already rendered and escaped.")
    pdf = models.BinaryField()
    docx = models.BinaryField()
    sha256 = models.CharField("SHA-256 of the PDF", max_length=64)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="published_version_number_unique_per_paper"),
            models.CheckConstraint(condition=Q(number__gte=1), name="published_version_number_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise self.Immutable("A published version cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("version_detail", args=[self.paper_id, self.number])

    def delete(self, *args, **kwargs):
        raise self.Immutable("A published version cannot be deleted.")

    @property
    def checksum_matches(self) -> bool:
        return hashlib.sha256(bytes(self.pdf)).hexdigest() == self.sha256

    @property
    def pdf_filename(self) -> str:
        return f"{self.paper.meeting_date:%Y-%m-%d}-paper-{self.paper_id}-v{self.number}.pdf"

    @property
    def docx_filename(self) -> str:
        return f"{self.paper.meeting_date:%Y-%m-%d}-paper-{self.paper_id}-v{self.number}.docx"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _swap(siblings: models.QuerySet, item, direction: str) -> None:
    """Swaps item's position with its neighbour above or below; does nothing at either end."""
    if direction == "up":
        neighbour = siblings.filter(position__lt=item.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=item.position).order_by("position").first()
    if neighbour is None:
        return
    with transaction.atomic():
        # Park one at 0 first so the unique position constraint holds at every step.
        mine, theirs = item.position, neighbour.position
        item.position = 0
        item.save(update_fields=["position"])
        neighbour.position = mine
        neighbour.save(update_fields=["position"])
        item.position = theirs
        item.save(update_fields=["position"])
