"""Who is reminded of what today: the rules behind the daily reminders and weekly digests.

Lead officers (people with an account named as an action's lead) hear about
their open actions that are overdue, due within 14 days, or without a progress
update for 30 days. Assistant directors get a weekly digest of what awaits
their review. Each person gets at most one e-mail a run, listing only what they
have not been told today; people who opted out in their profile get nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string

from actionplans.models import Action, ProgressUpdate
from organisation.models import User
from reminders.models import ReminderSent

DUE_SOON_DAYS = 14
STALE_DAYS = 30

OVERDUE, DUE_SOON, NO_UPDATE, DIGEST = "overdue", "due_soon", "no_update", "digest"
HEADINGS = {
    OVERDUE: "Overdue",
    DUE_SOON: f"Due within {DUE_SOON_DAYS} days",
    NO_UPDATE: f"No progress update for {STALE_DAYS} days",
}


@dataclass
class Reminder:
    person: User
    items: dict[str, list[Action]] = field(default_factory=lambda: defaultdict(list))
    updates_awaiting: list[ProgressUpdate] = field(default_factory=list)
    actions_awaiting: list[Action] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def is_digest(self) -> bool:
        return bool(self.updates_awaiting or self.actions_awaiting)

    @property
    def subject(self) -> str:
        if self.is_digest and not self.items:
            return "Weekly digest: what awaits your review"
        count = sum(len(actions) for actions in self.items.values())
        return f"Reminder: {count} action{'s' if count != 1 else ''} need{'s' if count == 1 else ''} your attention"


def _people_to_remind():
    return User.objects.filter(is_active=True, receives_reminders=True).exclude(email="")


def lead_officer_reminders(today: date) -> dict[int, Reminder]:
    """Reminders for lead officers, by person id. Two queries."""
    actions = (
        Action.objects.open()
        .filter(lead_officer__in=_people_to_remind())
        .alias(effective_due=Coalesce("revised_due_on", "due_on"))
        .annotate(last_update=Max("updates__dated"))
        .filter(
            Q(effective_due__lte=today + timedelta(days=DUE_SOON_DAYS))
            | Q(last_update__lt=today - timedelta(days=STALE_DAYS))
            | Q(last_update__isnull=True, starts_on__lt=today - timedelta(days=STALE_DAYS))
        )
        .select_related("lead_officer", "district")
        .order_by("reference")
    )
    reminders: dict[int, Reminder] = {}
    for action in actions:
        reminder = reminders.setdefault(action.lead_officer_id, Reminder(person=action.lead_officer))
        # Each action once, under its most pressing reason.
        if action.due < today:
            reminder.items[OVERDUE].append(action)
        elif action.due <= today + timedelta(days=DUE_SOON_DAYS):
            reminder.items[DUE_SOON].append(action)
        else:
            reminder.items[NO_UPDATE].append(action)
    return reminders


def director_digests(today: date) -> dict[int, Reminder]:
    """The weekly digest for every assistant director who wants reminders. Three queries."""
    directors = [
        person
        for person in _people_to_remind().prefetch_related("groups__permissions", "user_permissions")
        if person.has_perm("actionplans.review_progressupdate")
    ]
    if not directors:
        return {}
    updates = list(
        ProgressUpdate.objects.filter(review_status=ProgressUpdate.ReviewStatus.AWAITING)
        .select_related("action", "author")
        .order_by("dated", "pk")
    )
    to_sign_off = list(Action.objects.filter(status=Action.Status.COMPLETE).order_by("reference"))
    digests = {}
    for director in directors:
        if updates or to_sign_off:
            digests[director.pk] = Reminder(person=director, updates_awaiting=updates, actions_awaiting=to_sign_off)
    return digests


def due_today(today: date, digest_weekday: int) -> list[Reminder]:
    """Everything to send today, less what each person was already told today."""
    reminders = lead_officer_reminders(today)
    if today.weekday() == digest_weekday:
        for person_id, digest in director_digests(today).items():
            reminder = reminders.setdefault(person_id, Reminder(person=digest.person))
            reminder.updates_awaiting, reminder.actions_awaiting = digest.updates_awaiting, digest.actions_awaiting
    already = set(
        ReminderSent.objects.filter(sent_on=today, person_id__in=reminders).values_list("person_id", "reason")
    )
    week = f"{DIGEST}:{today.isocalendar().year}-W{today.isocalendar().week:02}"
    to_send = []
    for person_id, reminder in reminders.items():
        for kind in list(reminder.items):
            fresh = [a for a in reminder.items[kind] if (person_id, f"{kind}:{a.pk}") not in already]
            reminder.items[kind] = fresh
            reminder.reasons += [f"{kind}:{a.pk}" for a in fresh]
            if not fresh:
                del reminder.items[kind]
        if reminder.is_digest:
            if (person_id, week) in already:
                reminder.updates_awaiting, reminder.actions_awaiting = [], []
            else:
                reminder.reasons.append(week)
        if reminder.reasons:
            to_send.append(reminder)
    return to_send


def render_email(reminder: Reminder) -> EmailMultiAlternatives:
    context = {
        "reminder": reminder,
        "person": reminder.person,
        "sections": [(HEADINGS[kind], actions) for kind, actions in reminder.items.items()],
        "site_url": settings.SITE_URL.rstrip("/"),
        "service_name": settings.SERVICE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=render_to_string("reminders/email.txt", context),
        to=[reminder.person.email],
    )
    message.attach_alternative(render_to_string("reminders/email.html", context), "text/html")
    return message


def send(reminders: list[Reminder], today: date) -> int:
    """Sends each e-mail and records it, one person at a time, so a failure part-way loses nothing."""
    sent = 0
    for reminder in reminders:
        with transaction.atomic():
            ReminderSent.objects.bulk_create(
                ReminderSent(person=reminder.person, reason=reason, sent_on=today) for reason in reminder.reasons
            )
            render_email(reminder).send()
        sent += 1
    return sent
