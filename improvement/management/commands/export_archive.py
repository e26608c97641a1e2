from pathlib import Path

from django.core.management.base import BaseCommand

from audit.models import AuditEvent, record
from improvement.backup import write_archive


class Command(BaseCommand):
    help = "Write every record and uploaded file to one archive (a .tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path)

    def handle(self, *args, destination: Path, **options):
        record(None, AuditEvent.Kind.BACKUP, f"Exported an archive to {destination.name}")
        manifest = write_archive(destination)
        total = sum(manifest["records"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {total:,} records and {len(manifest['files'])} files to {destination}.")
        )
