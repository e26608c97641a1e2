from datetime import date

from django.core.management.base import BaseCommand, CommandError

from actionplans import rag
from reminders.reminders import due_today, send

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Command(BaseCommand):
    help = "E-mail today's reminders to lead officers and, on the digest day, directors. Run daily by cron."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would be e-mailed; send nothing.")
        parser.add_argument("--today", type=date.fromisoformat, help="Act as if it were this day (YYYY-MM-DD).")
        parser.add_argument("--digest-day", choices=WEEKDAYS, default="monday")

    def handle(self, *args, dry_run: bool = False, today: date | None = None, digest_day: str = "monday", **options):
        today = today or rag.today()
        if today > rag.today():
            raise CommandError("--today cannot be in the future.")
        reminders = due_today(today, WEEKDAYS.index(digest_day))
        for reminder in reminders:
            self.stdout.write(f"{reminder.person.email}: {reminder.subject}")
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run: nothing sent; {len(reminders)} to send."))
            return
        sent = send(reminders, today)
        self.stdout.write(self.style.SUCCESS(f"{sent} e-mails sent for {today:%-d %B %Y}."))
