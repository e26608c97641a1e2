from django.core.management.base import BaseCommand
from django.db import transaction

from organisation.demo import load_districts
from organisation.models import District


class Command(BaseCommand):
    help = "Create Kent's twelve districts where they are missing. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool = False, **options):
        with transaction.atomic():
            created = load_districts()
            if dry_run:
                transaction.set_rollback(True)
        verb = "would be created" if dry_run else "created"
        self.stdout.write(self.style.SUCCESS(f"{created} districts {verb}; {District.objects.count()} in all."))
