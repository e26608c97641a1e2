"""Benchmark: pages served by gunicorn with production settings on PostgreSQL.

Run with `.venv/bin/python bench/run.py` (see bench/README.md). It creates a
throwaway database, fills it with synthetic data at each size, starts gunicorn on
loopback and times pages side by side in one run, printing medians and ratios to
the baseline page (the base layout with nothing in it). It also counts each page's
database queries at every size, which must not grow with the data.

Everything runs on 127.0.0.1 and stops by itself.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = os.environ.get("BENCH_DATABASE", "improvement_bench")
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-secret-key-with-enough-length-and-randomness-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": f"{PG_SERVER}/{DATABASE}",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(ROOT / "staticfiles"),
    "LOG_LEVEL": "WARNING",
    "DEMO_ALLOWED": "false",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, env={**os.environ, **PRODUCTION_ENV})


def recreate_database() -> None:
    import psycopg2

    connection = psycopg2.connect(f"{PG_SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


class Gunicorn:
    """gunicorn on a free loopback port, stopped on exit."""

    def __init__(self, workers: int):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "improvement.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**os.environ, **PRODUCTION_ENV},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def fetch(port: int, path: str, cookie: str) -> tuple[int, float, int]:
    """One GET; returns status, seconds and body size."""
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, elapsed, len(body)


def time_pages(port: int, pages: dict[str, str], cookies: dict[str, str], rounds: int) -> dict[str, float]:
    """Median seconds per page, interleaving the pages so that noise falls on all alike."""
    samples: dict[str, list[float]] = {name: [] for name in pages}
    for name, path in pages.items():  # warm up
        for _ in range(3):
            status, _, _ = fetch(port, path, cookies[name])
            if status != 200:
                raise RuntimeError(f"{name} ({path}) answered {status}")
    for _ in range(rounds):
        for name, path in pages.items():
            _, elapsed, _ = fetch(port, path, cookies[name])
            samples[name].append(elapsed)
    return {name: statistics.median(values) for name, values in samples.items()}


def count_queries(pages: dict[str, str], users: dict[str, object]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, path in pages.items():
        client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
        client.force_login(users[name])
        client.get(path)  # sessions and caches settle
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{name} ({path}) answered {response.status_code} in-process")
        counts[name] = len(captured)
    return counts


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,10000", help="numbers of actions, comma-separated")
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per page and size")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    os.environ.update(PRODUCTION_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "improvement.settings"
    recreate_database()
    manage("migrate", "--no-input", "-v", "0")
    manage("collectstatic", "--no-input", "-v", "0")

    import django

    django.setup()
    from bench import synthetic

    server = Gunicorn(options.workers)
    results = []
    try:
        for size in sizes:
            print(f"\n== {size:,} actions: generating data", flush=True)
            started = time.perf_counter()
            context = synthetic.generate(size)
            print(f"   generated in {time.perf_counter() - started:.1f} s", flush=True)
            pages = synthetic.pages(context)
            users = {name: context["users"][synthetic.PAGE_USERS.get(name, "director")] for name in pages}
            cookies = {name: session_cookie(user) for name, user in users.items()}
            queries = count_queries(pages, users)
            medians = time_pages(server.port, pages, cookies, options.rounds)
            results.append((size, medians, queries))
            report(size, medians, queries)
    finally:
        server.stop()
    summarise(results)


def report(size: int, medians: dict[str, float], queries: dict[str, int]) -> None:
    baseline = medians["baseline"]
    print(f"   {'page':<28} {'median ms':>10} {'× baseline':>11} {'queries':>8}")
    for name, median in medians.items():
        print(f"   {name:<28} {median * 1000:>10.1f} {median / baseline:>11.2f} {queries[name]:>8}")
    if "admin_changelist" in medians and "action_list" in medians:
        ratio = medians["action_list"] / medians["admin_changelist"]
        print(f"   action list ÷ admin changelist: {ratio:.2f}")
    if "inspection_admin_changelist" in medians and "inspection_list" in medians:
        ratio = medians["inspection_list"] / medians["inspection_admin_changelist"]
        print(f"   inspection list ÷ admin changelist: {ratio:.2f}")


def summarise(results) -> None:
    if len(results) < 2:
        return
    print("\n== Query counts across sizes (must not grow)")
    first_size, _, first_queries = results[0]
    for name in first_queries:
        counts = [queries[name] for _, _, queries in results]
        verdict = "constant" if len(set(counts)) == 1 else "GROWS"
        print(f"   {name:<28} {' → '.join(str(c) for c in counts):<20} {verdict}")
    print("\n== Medians relative to the smallest size")
    for name in first_queries:
        medians = [m[name] for _, m, _ in results]
        print(
            f"   {name:<28} "
            + "  ".join(f"{size:,}: {m / medians[0]:.2f}×" for (size, _, _), m in zip(results, medians, strict=True))
        )


if __name__ == "__main__":
    main()
