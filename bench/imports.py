"""Benchmark: importing a plan from a spreadsheet, as a project manager would.

    .venv/bin/python bench/imports.py              # 1,000 and 10,000 rows
    .venv/bin/python bench/imports.py --rows 1000,10000,20000

Each size runs in a fresh process on a throwaway PostgreSQL database with
production settings: the XLSX is read, every row checked (the preview), then
the rows written (the confirmation). Time and the process's peak memory are
printed; the issue's bounds are 5 s for 1,000 rows, 30 s for 10,000 and
300 MB at most.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench  # noqa: E402

bench.DATABASE = os.environ.get("IMPORT_DATABASE", "improvement_importbench")
bench.PRODUCTION_ENV["DATABASE_URL"] = f"{bench.PG_SERVER}/{bench.DATABASE}"
BOUNDS = {1000: 5.0, 10000: 30.0}


def workbook(rows: int) -> io.BytesIO:
    from openpyxl import Workbook

    from actionplans.imports import TEMPLATE_HEADINGS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(TEMPLATE_HEADINGS)
    start = date(2014, 9, 1)
    for number in range(rows):
        sheet.append(
            [
                f"IMP-{number}",
                number % 5 + 1,
                "",
                f"Imported action {number}",
                "Imported for the benchmark.",
                f"Officer {number % 50}",
                "Service Manager",
                start,
                start + timedelta(days=90 + number % 200),
                "In progress",
                "",
                number % 100,
                "Measured monthly.",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "plan.xlsx"
    buffer.size = len(buffer.getvalue())
    return buffer


def one_size(rows: int) -> dict:
    """Runs inside the child process: set up, then import ``rows`` rows, timing each stage."""
    import django

    django.setup()
    from django.contrib.auth.models import Group

    from actionplans.imports import RowChecker, apply, cells_by_field, read_rows
    from actionplans.models import ImportBatch, Plan, Theme
    from organisation import roles
    from organisation.models import User

    plan = Plan.objects.create(
        title="Imported plan", starts_on=date(2014, 4, 1), ends_on=date(2016, 4, 30), status=Plan.Status.AGREED
    )
    for number in range(1, 6):
        Theme.objects.create(plan=plan, number=number, title=f"Theme {number}")
    person = User.objects.create(username=f"importer-{rows}")
    person.groups.set([Group.objects.get(name=roles.ASSISTANT_DIRECTOR)])
    upload = workbook(rows)
    started = time.perf_counter()
    parsed = cells_by_field(read_rows(upload))
    results = RowChecker(plan, "plan.xlsx").check(parsed)
    errors = [result for result in results if result.errors]
    checked = time.perf_counter()
    batch = ImportBatch.objects.create(
        token=uuid.uuid4(), plan=plan, file_name="plan.xlsx", rows=parsed, uploaded_by=person
    )
    done = apply(batch, person)
    finished = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "errors": len(errors),
        "preview_s": checked - started,
        "total_s": finished - started,
        "created": done["created"],
        "peak_mb": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="1000,10000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    os.environ.update(bench.PRODUCTION_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "improvement.settings"
    if options.child:
        print(json.dumps(one_size(options.child)))
        return
    print(f"{'rows':>8} {'preview s':>10} {'import s':>9} {'bound s':>8} {'peak MB':>8}  verdict")
    for rows in [int(size) for size in options.rows.split(",")]:
        bench.recreate_database()
        bench.manage("migrate", "--no-input", "-v", "0")
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(rows)],
            cwd=ROOT,
            env={**os.environ},
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        bound = BOUNDS.get(rows)
        ok = (bound is None or result["total_s"] <= bound) and result["peak_mb"] < 300 and not result["errors"]
        print(
            f"{rows:>8,} {result['preview_s']:>10.1f} {result['total_s']:>9.1f} "
            f"{bound or '-':>8} {result['peak_mb']:>8.0f}  {'within bounds' if ok else 'OUT OF BOUNDS'}"
            f"  ({result['created']:,} created, {result['errors']} rows with errors)"
        )


if __name__ == "__main__":
    main()
