from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actionplans.models import Plan
from audit import models as audit
from audit.models import AuditEvent
from reports.appendix import appendix_pdf


class Command(BaseCommand):
    help = "Write a plan's (or a district sub-plan's) action plan appendix to a PDF file. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("plan", type=int, help="The plan's id.")
        parser.add_argument("output", type=Path, help="The PDF file to write.")
        parser.add_argument("--dry-run", action="store_true", help="Render, but write nothing.")

    def handle(self, *args, plan: int, output: Path, dry_run: bool = False, **options):
        if output.suffix.lower() != ".pdf":
            raise CommandError("The output file must end .pdf.")
        found = Plan.objects.select_related("district").filter(pk=plan).first()
        if found is None:
            raise CommandError(f"There is no plan {plan}.")
        data = appendix_pdf(found)
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run: the appendix of plan {plan} is {len(data):,} bytes."))
            return
        output.write_bytes(data)
        audit.record(None, AuditEvent.Kind.EXPORT, f"export_appendix wrote plan {plan}'s appendix to {output}")
        self.stdout.write(self.style.SUCCESS(f"Wrote the appendix of {found} to {output} ({len(data):,} bytes)."))
