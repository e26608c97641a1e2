from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisation.demo import DEMO_PEOPLE, demo_password

# Each app's demo loader, in dependency order. Each is safe to run again.
DEMO_LOADERS = [
    "organisation.demo",
    "inspections.demo",
    "actionplans.demo",
    "performance.demo",
    "reports.demo",
]


class Command(BaseCommand):
    help = "Load the demo council (Kent, late 2014) and its demo logins. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be loaded, then roll back.")

    def handle(self, *args, dry_run: bool = False, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("Demo data is not allowed here. Set DEMO_ALLOWED=true on a local or test machine only.")
        with transaction.atomic():
            for module_path in DEMO_LOADERS:
                counts = import_module(module_path).load()
                summary = ", ".join(f"{number} new {what}" for what, number in counts.items())
                self.stdout.write(f"{module_path}: {summary}")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
                return
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password: {demo_password()}):")
        for username, person in DEMO_PEOPLE.items():
            scope = " and ".join(person.districts) if person.districts else "countywide"
            self.stdout.write(f"  {username:<10} {person.role}, {scope}")
        self.stdout.write(f"  {'admin':<10} Administrator (the admin site)")
