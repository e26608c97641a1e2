"""Benchmark: rendering committee papers to PDF.

Run with `.venv/bin/python bench/paper_pdf.py` (about a minute). On a throwaway SQLite
database it loads the December 2014 seed paper with the inspections it quotes, then
times, side by side and interleaved:

- the whole path: data blocks rendered from the database, HTML built, PDF written
  (what publishing and the draft PDF do), and
- WeasyPrint alone on the same saved HTML document,

printing each median and their ratio. It then renders a paper of about 40 pages in a
fresh process and reports that process's peak memory.

Targets (issue 6): seed median at most 2 s and at most 1.3x WeasyPrint alone; a
40-page paper under 400 MB peak.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "improvement.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_paper():
    from reports import demo
    from reports.models import Paper
    from tests.factories import make_seed_inspections

    make_seed_inspections()
    demo.load()
    return Paper.objects.get(subject=demo.SUBJECT)


def long_paper(sections: int = 18, paragraphs: int = 10):
    """A paper of about 40 A4 pages: numbered sections of long paragraphs, with data blocks."""
    from reports.models import Paper
    from tests.factories import make_block, make_paper, make_section

    paper = make_paper(subject="A long paper")
    words = (
        "Progress against the improvement plan continues, with districts reporting on their localised actions, "
        "the quality of practice, supervision, recruitment and the timeliness of assessments. "
    ) * 4
    for number in range(sections):
        section = make_section(paper, heading=f"Section {number + 1}")
        for index in range(paragraphs):
            make_block(section, text=f"{words}\n- a first point\n- a second point" if index % 3 == 0 else words)
        make_block(section, kind="inspection_history", options={})
        make_block(section, kind="findings_summary", options={})
    return Paper.objects.get(pk=paper.pk)


def time_it(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure_seed(rounds: int) -> None:
    from weasyprint import HTML

    from reports.rendering import PDF_VARIANT, body_html, print_document, render_paper, render_pdf

    paper = seed_paper()
    rendered = render_paper(paper)
    document = print_document(paper, body_html(rendered, for_print=True), rendered.title)
    saved = Path(tempfile.mkdtemp()) / "seed.html"
    saved.write_text(document, encoding="utf-8")

    def whole_path():
        render_pdf(paper)

    def weasyprint_alone():
        HTML(filename=str(saved)).write_pdf(pdf_variant=PDF_VARIANT)

    whole_path(), weasyprint_alone()  # warm up: fonts, templates, imports
    whole, alone = [], []
    for _ in range(rounds):
        whole.append(time_it(whole_path))
        alone.append(time_it(weasyprint_alone))
    pages = len(__import__("pypdf").PdfReader(__import__("io").BytesIO(render_pdf(paper))).pages)
    whole_median, alone_median = statistics.median(whole), statistics.median(alone)
    print(f"Seed paper ({pages} pages), {rounds} interleaved rounds each:")
    print(f"  whole path (database -> HTML -> PDF): median {whole_median:.3f} s  (runs: {_fmt(whole)})")
    print(f"  WeasyPrint alone on the saved HTML:   median {alone_median:.3f} s  (runs: {_fmt(alone)})")
    print(f"  ratio whole / WeasyPrint alone:       {whole_median / alone_median:.2f}x")


def measure_long_paper() -> None:
    """Runs in its own process so that its peak memory is its own."""
    from pypdf import PdfReader

    from reports.rendering import render_pdf

    paper = long_paper()
    start = time.perf_counter()
    pdf = render_pdf(paper)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Long paper: {pages} pages in {elapsed:.2f} s, peak memory of the process {peak_mb:.0f} MB")


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--long-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory) / "bench.sqlite3")
        if args.long_only:
            measure_long_paper()
            return
        measure_seed(args.rounds)
    subprocess.run([sys.executable, __file__, "--long-only"], check=True)


if __name__ == "__main__":
    main()
