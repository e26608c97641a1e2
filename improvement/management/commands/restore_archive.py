from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.models import AuditEvent, record
from improvement.backup import ArchiveError, restore_archive


class Command(BaseCommand):
    help = "Restore an archive made by export_archive into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source: Path, **options):
        try:
            manifest = restore_archive(source)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        record(None, AuditEvent.Kind.BACKUP, f"Restored the archive {source.name} made {manifest['created_at']}")
        total = sum(manifest["records"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total:,} records and {len(manifest['files'])} files."))
