from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.urls import reverse


class AuditEventQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("user")


class AuditEvent(models.Model):
    """Something done that must be answerable later: who, what, when and from where.

    Field-level changes to records are kept by django-simple-history; this log
    holds the events around them (sign-ins, exports, imports, publications,
    sign-offs). Rows are only ever added.
    """

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
        SIGN_OUT = "sign_out", "Signed out"
        EXPORT = "export", "Export"
        IMPORT = "import", "Import"
        PUBLICATION = "publication", "Publication"
        SIGN_OFF = "sign_off", "Sign-off"
        BACKUP = "backup", "Backup or restore"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    username = models.CharField(max_length=150, blank=True, help_text="As typed, for failed sign-ins.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=500, blank=True)
    summary = models.CharField(max_length=500)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "-at"], name="audit_kind_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("audit_log") + f"?kind={self.kind}"

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted.")


def client_address(request: HttpRequest | None) -> str | None:
    """The address django-axes resolved (it knows the proxy set-up), else REMOTE_ADDR."""
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


def record(request: HttpRequest | None, kind: str, summary: str, user=None, username: str = "") -> AuditEvent:
    """Adds an event to the audit log. Hits the database once."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=username or (user.get_username() if user else ""),
        ip_address=client_address(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:300],
        path=(request.path if request else "")[:500],
        summary=summary[:500],
    )
