from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class District(models.Model):
    """One of the council's districts, which each keep a localised sub-plan."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("district_detail", args=[self.slug])


class User(AbstractUser):
    """A person who signs in. Their role is their group; their scope, their districts.

    A person with no districts works countywide.
    """

    job_title = models.CharField(max_length=200, blank=True)
    telephone = models.CharField(max_length=50, blank=True)
    receives_reminders = models.BooleanField(
        "e-mail me reminders",
        default=True,
        help_text="About my actions that are overdue, due soon or need an update; and, for assistant directors, "
        "a weekly digest of what awaits review.",
    )
    districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="people",
        help_text="Leave empty for someone who works countywide.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("profile")

    @property
    def role_names(self) -> list[str]:
        """Names of this person's roles. Hits the database once per instance."""
        if not hasattr(self, "_role_names"):
            self._role_names = sorted(self.groups.values_list("name", flat=True))
        return self._role_names

    @property
    def role_display(self) -> str:
        if self.is_superuser and not self.role_names:
            return "Administrator"
        return ", ".join(self.role_names) or "No role"

    def has_role(self, role: str) -> bool:
        return role in self.role_names
