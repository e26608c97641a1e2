from django.conf import settings
from django.db import models
from django.urls import reverse


class ReminderSent(models.Model):
    """That a person was reminded of something on a day, so that no reminder goes twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent")
    reason = models.CharField(max_length=100, help_text="For example overdue:42 or digest:2014-W49.")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "reason", "sent_on"], name="reminder_once_per_reason_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.person} reminded of {self.reason} on {self.sent_on}"

    def get_absolute_url(self) -> str:
        return reverse("profile")
