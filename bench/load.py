"""Load and fault tests: concurrent people against gunicorn and PostgreSQL, on loopback.

    .venv/bin/python bench/load.py --scenario steady      # (a) 50 clients for 60 s: no 5xx, p99
    .venv/bin/python bench/load.py --scenario db-restart  # (b) PostgreSQL restarted mid-run
    .venv/bin/python bench/load.py --scenario server-kill # (c) two app servers, one killed mid-run
    .venv/bin/python bench/load.py --scenario all

Each client is a person signed in with a role: viewers, clerks and directors
read dashboards and lists; project managers and directors also post progress
updates. Every update the server acknowledged (a redirect after the POST) is
looked for in the database afterwards. Every run is bounded in time and talks
only to 127.0.0.1. Scenario (b) restarts this machine's PostgreSQL cluster, so
run it only where nothing else is using it.
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench  # noqa: E402

bench.DATABASE = os.environ.get("LOAD_DATABASE", "improvement_load")
bench.PRODUCTION_ENV["DATABASE_URL"] = f"{bench.PG_SERVER}/{bench.DATABASE}"
bench.PRODUCTION_ENV["DEMO_ALLOWED"] = "true"
bench.PRODUCTION_ENV["AS_OF_DATE"] = "2014-12-01"

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROLE_MIX = [("viewer", 10), ("clerk", 10), ("director", 10), ("pm", 20)]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    acknowledged: list[tuple[int, str]] = field(default_factory=list)
    connection_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, elapsed: float) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(elapsed)


class Client:
    """One person with a session, talking to one or more app servers (first that answers)."""

    def __init__(self, cookie: str, ports: list[int], results: Results):
        self.cookies = {"session": cookie}
        self.ports = ports
        self.results = results

    def cookie_header(self) -> str:
        return "; ".join(self.cookies.values())

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, dict]:
        for port in list(self.ports):
            connection = HTTPConnection("127.0.0.1", port, timeout=30)
            headers = {"Cookie": self.cookie_header(), "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                headers["Referer"] = f"https://127.0.0.1{path}"
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except OSError:
                with self.results.lock:
                    self.results.connection_errors += 1
                continue  # as a load balancer would, try the next server
            finally:
                connection.close()
            self.results.record(response.status, time.perf_counter() - started)
            for header, value in response.getheaders():
                if header.lower() == "set-cookie" and value.startswith("csrftoken="):
                    self.cookies["csrf"] = value.split(";")[0]
            return response.status, text, dict(response.getheaders())
        return 0, "", {}


def person_loop(client: Client, role: str, context: dict, deadline: float, number: int) -> None:
    reads = context["read_paths"]
    actions = context["actions_for"].get(role, [])
    step = number
    while time.monotonic() < deadline:
        step += 1
        if actions and step % 4 == 0:
            action_id = actions[step % len(actions)]
            status, text, _ = client.request("GET", f"/plan/actions/{action_id}/updates/new/")
            token = CSRF_INPUT.search(text)
            if status != 200 or not token:
                continue
            marker = f"Load test update {uuid.uuid4()}"
            form = {
                "csrfmiddlewaretoken": token.group(1),
                "dated_0": "1",
                "dated_1": "12",
                "dated_2": "2014",
                "narrative": marker,
                "progress": str(step % 100),
                "status": "in_progress",
                "next_steps": "Keep going.",
                "risks": "",
            }
            status, _, headers = client.request("POST", f"/plan/actions/{action_id}/updates/new/", body=urlencode(form))
            if status == 302:
                with client.results.lock:
                    client.results.acknowledged.append((action_id, marker))
        else:
            client.request("GET", reads[step % len(reads)])


def prepare(clients: int) -> dict:
    """A fresh database with the demo council and one account per client."""
    os.environ.update(bench.PRODUCTION_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "improvement.settings"
    bench.recreate_database()
    bench.manage("migrate", "--no-input", "-v", "0")
    bench.manage("collectstatic", "--no-input", "-v", "0")
    bench.manage("load_demo")
    import django

    django.setup()
    from django.contrib.auth.models import Group

    from actionplans.models import Action
    from organisation import roles
    from organisation.models import District, User

    role_groups = {
        "viewer": roles.VIEWER,
        "clerk": roles.COMMITTEE_CLERK,
        "director": roles.ASSISTANT_DIRECTOR,
        "pm": roles.PROJECT_MANAGER,
    }
    people = []
    for role, share in ROLE_MIX:
        for index in range(round(clients * share / 50)):
            user, _ = User.objects.get_or_create(username=f"load-{role}-{index}", defaults={"first_name": role})
            user.groups.set([Group.objects.get(name=role_groups[role])])
            people.append((role, user))
    people = people[:clients]
    countywide = list(Action.objects.filter(district__isnull=True).values_list("pk", flat=True))
    everything = list(Action.objects.values_list("pk", flat=True))
    district = District.objects.order_by("name").first()
    return {
        "people": [(role, bench.session_cookie(user)) for role, user in people],
        "read_paths": ["/", "/plan/actions/", f"/districts/{district.slug}/", "/indicators/", "/districts/compare/"]
        + [f"/plan/actions/{pk}/" for pk in everything[:20]],
        # Countywide project managers change countywide actions; directors change any.
        "actions_for": {"pm": countywide, "director": everything},
    }


def run_clients(context: dict, ports: list[int], seconds: float, during=None) -> Results:
    results = Results()
    deadline = time.monotonic() + seconds
    threads = []
    for number, (role, cookie) in enumerate(context["people"]):
        client = Client(cookie, ports[number % len(ports) :] + ports[: number % len(ports)], results)
        thread = threading.Thread(target=person_loop, args=(client, role, context, deadline, number), daemon=True)
        threads.append(thread)
        thread.start()
    if during:
        during()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return results


def verify(results: Results) -> tuple[int, int]:
    from actionplans.models import ProgressUpdate

    markers = {marker for _, marker in results.acknowledged}
    found = set(ProgressUpdate.objects.filter(narrative__in=markers).values_list("narrative", flat=True))
    return len(markers), len(markers - found)


def summary(name: str, results: Results, seconds: float) -> None:
    latencies = sorted(results.latencies)
    count = len(latencies)
    percentile = lambda p: latencies[min(count - 1, int(p * count))] * 1000 if count else 0  # noqa: E731
    server_errors = sum(n for status, n in results.statuses.items() if status >= 500)
    acknowledged, missing = verify(results)
    median = statistics.median(latencies) * 1000 if count else 0
    statuses = dict(sorted(results.statuses.items()))
    print(f"\n== {name}")
    print(f"   requests {count:,} in {seconds:.0f} s ({count / seconds:.0f}/s); statuses {statuses}")
    print(
        f"   latency ms: median {median:.0f}, p95 {percentile(0.95):.0f}, "
        f"p99 {percentile(0.99):.0f}, max {percentile(1.0):.0f}"
    )
    print(f"   5xx: {server_errors}; connection errors: {results.connection_errors}")
    print(f"   updates acknowledged: {acknowledged}; missing from the database: {missing}")


def gunicorn(workers: int = 3) -> bench.Gunicorn:
    server = bench.Gunicorn.__new__(bench.Gunicorn)
    server.port = bench.free_port()
    server.process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "improvement.wsgi",
            "--bind",
            f"127.0.0.1:{server.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **bench.PRODUCTION_ENV},
    )
    bench.wait_for_port(server.port)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=["steady", "db-restart", "server-kill", "all"], default="steady")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    options = parser.parse_args()
    context = prepare(options.clients)
    scenarios = ["steady", "db-restart", "server-kill"] if options.scenario == "all" else [options.scenario]

    if "steady" in scenarios:
        server = gunicorn()
        try:
            results = run_clients(context, [server.port], options.seconds)
        finally:
            server.stop()
        summary(f"(a) {options.clients} clients for {options.seconds:.0f} s", results, options.seconds)

    if "db-restart" in scenarios:
        server = gunicorn()

        def restart_postgres():
            time.sleep(options.seconds / 3)
            cluster = next(Path("/etc/postgresql").iterdir()).name
            started = time.monotonic()
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"], check=True)
            print(f"   PostgreSQL restarted in {time.monotonic() - started:.1f} s", flush=True)

        try:
            results = run_clients(context, [server.port], options.seconds, during=restart_postgres)
            # The same gunicorn, not restarted, must serve again.
            after = Client(context["people"][0][1], [server.port], Results())
            status, _, _ = after.request("GET", "/")
        finally:
            server.stop()
        from django.db import connection

        connection.close()
        summary("(b) PostgreSQL restarted mid-run", results, options.seconds)
        print(f"   after the restart, without restarting gunicorn: GET / answered {status}")

    if "server-kill" in scenarios:
        first, second = gunicorn(workers=2), gunicorn(workers=2)

        def kill_first():
            time.sleep(options.seconds / 2)
            first.process.send_signal(signal.SIGKILL)
            print("   killed the first app server", flush=True)

        try:
            results = run_clients(context, [first.port, second.port], options.seconds, during=kill_first)
        finally:
            second.stop()
            first.process.wait(timeout=10)
        summary("(c) two app servers, one killed mid-run", results, options.seconds)


if __name__ == "__main__":
    main()
