from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit import models as audit
from audit.models import AuditEvent
from reports.models import Paper
from reports.rendering import render_paper, render_pdf
from reports.word import build_docx


class Command(BaseCommand):
    help = (
        "Write a committee paper to a PDF or Word file: its latest published version, or with --draft the "
        "paper as it stands now. The format follows the file's extension (.pdf or .docx). Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("paper", type=int, help="The paper's id.")
        parser.add_argument("output", type=Path, help="The file to write, ending .pdf or .docx.")
        parser.add_argument("--draft", action="store_true", help="Render the paper now instead of its latest version.")
        parser.add_argument("--dry-run", action="store_true", help="Render, but write nothing.")

    def handle(self, *args, paper: int, output: Path, draft: bool = False, dry_run: bool = False, **options):
        suffix = output.suffix.lower()
        if suffix not in {".pdf", ".docx"}:
            raise CommandError("The output file must end .pdf or .docx.")
        found = Paper.objects.select_related("committee").filter(pk=paper).first()
        if found is None:
            raise CommandError(f"There is no paper {paper}.")
        if draft:
            rendered = render_paper(found)
            data = render_pdf(found, rendered) if suffix == ".pdf" else build_docx(rendered)
            what = "the draft"
        else:
            version = found.latest_version()
            if version is None:
                raise CommandError(f"Paper {paper} has no published version. Use --draft to export the draft.")
            data = bytes(version.pdf if suffix == ".pdf" else version.docx)
            what = f"version {version.number}"
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run: {what} of paper {paper} is {len(data):,} bytes."))
            return
        output.write_bytes(data)
        audit.record(None, AuditEvent.Kind.EXPORT, f"export_paper wrote {what} of paper {paper} to {output}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {what} of paper {paper} to {output} ({len(data):,} bytes)."))
