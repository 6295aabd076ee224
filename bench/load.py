"""Load bench: 50 clients with no think time against gunicorn, for a bounded time and number of requests.

    .venv/bin/python -m bench.load [--register demo|million] [--clients 50] [--seconds 60] [--max-requests 200000]

``demo``: a private PostgreSQL cluster (bench/stack.py) migrated and loaded with the demo register, the clients
signed in as ``demo-officer``. ``million``: the 1,000,000-camera register of ``bench.run`` in ``--database-url``
(default ``cctv_load_million`` on the local cluster; created, migrated and filled when it does not hold
``--cameras`` cameras, reused when it does), the clients signed in as ``bench-officer`` (one council's 3,000 or
so cameras). gunicorn runs with the repository's ``gunicorn.conf.py`` unless ``--worker-class``/``--workers``/
``--threads`` say otherwise.

Every client has its own session, signed in through the real sign-in form (django-axes watches it), and uses the
officer's API token for /api/. The mix, weights 25:30:30:15:5 renormalised to 100 (so 23.8% counts, 28.6% list
pages, 28.6% camera detail, 14.3% PATCH and 4.8% FOI workbook downloads); lists and details are half HTML, half
API. A PATCH sends the ETag of the client's last read or write of that camera in If-Match; each client edits its
own cameras, so a 412 is an error. At the end: requests/s, p50/p95/p99 per kind and errors by kind."""

import argparse
import asyncio
import json
import os
import random
import re
import resource
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.stack import Gunicorn, PrivateCluster, manage, server_environment

KINDS = ["counts", "list html", "list api", "detail html", "detail api", "patch api", "foi xlsx"]
# The mix: 25% counts, 30% lists, 30% details, 15% PATCH, plus 5% FOI downloads (sum 105, renormalised).
WEIGHTS = [25, 15, 15, 15, 15, 15, 5]
COUNT_QUERIES = [
    "group_by=status",
    "group_by=vendor",
    "group_by=site_category",
    "group_by=manufacturer",
    "group_by=origin_country,networked",
    "group_by=install_year",
    "group_by=restricted,status",
    "site_category=library&group_by=vendor",
    "networked=true&group_by=site_category",
    "status=operational,faulty&group_by=vendor,networked",
    "restricted=true&group_by=site",
    "",
]
LIST_QUERIES = ["", "status=operational", "site_category=library", "networked=true", "ordering=-install_date"]
SIGN_IN_FORM_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')

SETUP_SCRIPT = """
import datetime, json
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from assets.models import Camera
from foi import services
from foi.models import FOIRequest
from registry.models import Membership

officer = get_user_model().objects.get(username={username!r})
officer.set_password({password!r})
officer.save(update_fields=["password"])
membership = Membership.objects.filter(user=officer).select_related("organisation").first()
organisation = membership.organisation
foi_request = FOIRequest.objects.filter(organisation=organisation, reference="LOAD-BENCH").first()
if foi_request is None:
    foi_request = services.foi_request_create(
        organisation=organisation, reference="LOAD-BENCH", received_date=datetime.date(2026, 11, 2),
        subject="Cameras by vendor", request_text="How many cameras do you have, by vendor and by site category?")
    services.question_create(foi_request=foi_request, text="How many cameras, by vendor?", group_by=["vendor"])
    services.question_create(foi_request=foi_request, text="How many library cameras are networked?",
                             filters={{"site_category": "library"}}, group_by=["networked"])
    services.question_create(foi_request=foi_request, text="Which cameras are in libraries?",
                             filters={{"site_category": "library"}}, disclosed_columns=["asset_tag", "manufacturer"])
    services.foi_request_issue(foi_request=foi_request)
cameras = list(Camera.objects.filter(organisation=organisation).order_by("pk").values_list("pk", flat=True)[:2000])
print(json.dumps({{"token": Token.objects.get_or_create(user=officer)[0].key, "cameras": cameras,
                  "foi_request": foi_request.pk}}))
"""

FILL_SCRIPT = """
from django.core.management import call_command
from bench.register import bench_users, empty_register, fill_register, register_size
call_command("migrate", verbosity=0)
if register_size() != ({organisations}, {cameras}):
    empty_register()
    fill_register(cameras={cameras}, organisations={organisations})
bench_users()
"""


@dataclass
class Setup:
    token: str
    cameras: list[int]
    foi_request: int
    username: str
    password: str


@dataclass
class Outcome:
    kind: str
    status: str  # the status code, or the exception's class name when there was no answer
    seconds: float


@dataclass
class Client:
    number: int
    clients: int
    setup: Setup
    random: random.Random
    etags: dict = field(default_factory=dict)

    @property
    def own_cameras(self) -> list[int]:
        """The cameras this client edits: no other client writes them, so its ETags stay current."""
        return self.setup.cameras[self.number :: self.clients] or self.setup.cameras[:1]


async def sign_in(http, setup: Setup) -> None:
    """As a browser: the sign-in form, its CSRF token and cookie, then the POST that sets the session cookie."""
    form = await http.get("/accounts/login/")
    token = SIGN_IN_FORM_TOKEN.search(form.content)
    answer = await http.post(
        "/accounts/login/",
        data={"username": setup.username, "password": setup.password, "csrfmiddlewaretoken": token.group(1).decode()},
    )
    if answer.status_code != 302 or "sessionid" not in http.cookies:
        reason = re.search(r"<pre>(.*?)</pre>|<p>(.*?)</p>", answer.text, re.S)
        raise RuntimeError(f"Sign-in failed: {answer.status_code} {reason.group(0) if reason else answer.text[:300]}")


async def one_request(client: Client, http, kind: str) -> str:
    """Sends one request of ``kind``; answers its status (a 2xx other than expected is an error)."""
    api = {"Authorization": f"Token {client.setup.token}"}
    pick = client.random.choice
    if kind == "counts":
        answer = await http.get(f"/api/v1/cameras/counts/?{pick(COUNT_QUERIES)}", headers=api)
    elif kind == "list html":
        answer = await http.get(f"/cameras/?{pick(LIST_QUERIES)}")
    elif kind == "list api":
        offset = pick([0, 0, 50, 100])
        answer = await http.get(f"/api/v1/cameras/?limit=50&offset={offset}&{pick(LIST_QUERIES)}", headers=api)
    elif kind == "detail html":
        answer = await http.get(f"/cameras/{pick(client.setup.cameras)}/")
    elif kind == "detail api":
        camera = pick(client.setup.cameras)
        answer = await http.get(f"/api/v1/cameras/{camera}/", headers=api)
    elif kind == "patch api":
        camera = pick(client.own_cameras)
        if camera not in client.etags:  # first edit of this camera: read it as a client would (not timed)
            read = await http.get(f"/api/v1/cameras/{camera}/", headers=api)
            client.etags[camera] = read.headers["ETag"]
        body = {"notes": f"Checked by load client {client.number} at {time.time():.3f}"}
        answer = await http.patch(
            f"/api/v1/cameras/{camera}/", json=body, headers=api | {"If-Match": client.etags[camera]}
        )
        if answer.status_code == 200:
            client.etags[camera] = answer.headers["ETag"]
        else:
            client.etags.pop(camera, None)
    elif kind == "foi xlsx":
        answer = await http.get(f"/api/v1/foi/requests/{client.setup.foi_request}/response.xlsx", headers=api)
        if answer.status_code == 200 and not answer.content.startswith(b"PK"):
            return "not a workbook"
    else:
        raise ValueError(kind)
    return str(answer.status_code)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(outcomes: list[Outcome], elapsed: float) -> dict:
    by_kind = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    errors = Counter((outcome.kind, outcome.status) for outcome in outcomes if not outcome.status.startswith("2"))
    every = [outcome.seconds * 1000 for outcome in outcomes]
    print(f"\n{len(outcomes):,} requests in {elapsed:.1f} s: {len(outcomes) / elapsed:.1f} requests/s")
    print(f"{'kind':<12} {'requests':>8} {'share':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
    figures = {"requests_per_second": len(outcomes) / elapsed, "kinds": {}}
    for kind in [*KINDS, "all"]:
        inside = outcomes if kind == "all" else by_kind.get(kind, [])
        if not inside:
            continue
        samples = [outcome.seconds * 1000 for outcome in inside]
        failed = sum(not outcome.status.startswith("2") for outcome in inside)
        p50, p95, p99 = (percentile(samples, share) for share in (0.50, 0.95, 0.99))
        figures["kinds"][kind] = {"requests": len(inside), "p50": p50, "p95": p95, "p99": p99, "errors": failed}
        share = len(inside) / len(outcomes) * 100
        print(f"{kind:<12} {len(inside):>8} {share:>5.1f}% {p50:>7.0f} {p95:>7.0f} {p99:>7.0f} {failed:>6}")
    print("errors by kind: " + (", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(errors.items())) or "none"))
    figures["errors"] = {f"{k} {s}": n for (k, s), n in errors.items()}
    figures["median_ms"] = statistics.median(every) if every else None
    return figures


async def load(base: str, setup: Setup, *, clients: int, seconds: float, max_requests: int) -> tuple[list, float]:
    start = asyncio.Event()
    outcomes: list[Outcome] = []
    budget = [max_requests]
    clock = {"until": float("inf")}

    async def client_task(number: int) -> None:
        import httpx

        client = Client(number, clients, setup, random.Random(number))
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False, limits=limits) as http:
            async with signing_in:  # each sign-in hashes the password (about 0.3 s of CPU): a few at a time
                await sign_in(http, setup)
            signed_in.append(number)
            await start.wait()
            while time.monotonic() < clock["until"] and budget[0] > 0:
                budget[0] -= 1
                kind = client.random.choices(KINDS, WEIGHTS)[0]
                started = time.perf_counter()
                try:
                    status = await one_request(client, http, kind)
                except Exception as error:  # a timeout or a dropped connection is an outcome, not a crash
                    status = type(error).__name__
                outcomes.append(Outcome(kind, status, time.perf_counter() - started))

    signed_in: list[int] = []
    signing_in = asyncio.Semaphore(4)
    tasks = [asyncio.create_task(client_task(number)) for number in range(clients)]
    deadline = time.monotonic() + 300
    while len(signed_in) < clients:
        failed = [task for task in tasks if task.done() and task.exception()]
        if failed:
            raise failed[0].exception()
        if time.monotonic() > deadline:
            raise RuntimeError(f"Only {len(signed_in)} of {clients} clients signed in within 300 s")
        await asyncio.sleep(0.05)
    began = time.monotonic()
    clock["until"] = began + seconds
    start.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + 60)
    return outcomes, time.monotonic() - began


def prepare(args, environment: dict) -> Setup:
    if args.register == "demo":
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment | {"DEBUG": "1"}, "load_demo")  # development data: load_demo runs only with DEBUG on
        username, password = "demo-officer", "demo-register-2026"
    else:
        started = time.monotonic()
        fill = FILL_SCRIPT.format(cameras=args.cameras, organisations=args.organisations)
        manage(environment, "shell", "-v", "0", "-c", fill, timeout=args.fill_timeout)
        print(f"register ready in {time.monotonic() - started:.0f} s")
        username, password = "bench-officer", "load-bench-officer-2026"
    output = manage(environment, "shell", "-v", "0", "-c", SETUP_SCRIPT.format(username=username, password=password))
    found = json.loads(output.strip().splitlines()[-1])
    return Setup(found["token"], found["cameras"], found["foi_request"], username, password)


def serve_and_load(args, environment: dict, log: Path) -> dict:
    setup = prepare(args, environment)
    # Sync workers with threads above 1 would quietly run as gthread: threads 1 unless asked otherwise.
    threads = args.threads or (1 if args.worker_class == "sync" else None)
    options = {"workers": args.workers, "worker_class": args.worker_class, "threads": threads}
    with Gunicorn(environment, log=log, **options) as server:
        described = ", ".join(f"{name} {value}" for name, value in options.items() if value) or "gunicorn.conf.py"
        print(
            f"gunicorn ({described}) on port {server.port}; {len(setup.cameras)} cameras as {setup.username}; "
            f"{args.clients} clients for {args.seconds:.0f} s (at most {args.max_requests:,} requests)"
        )
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        outcomes, elapsed = asyncio.run(
            load(server.base, setup, clients=args.clients, seconds=args.seconds, max_requests=args.max_requests)
        )
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    figures = report(outcomes, elapsed)
    client_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    print(f"the load clients' own CPU: {client_cpu:.1f} s ({client_cpu / elapsed * 100:.0f}% of one core)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--register", choices=["demo", "million"], default="demo")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--worker-class", help="gunicorn worker class, e.g. sync or gthread")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker (gthread)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cctv_load_million"),
        help="the million register's database (its name must start with cctv_load)",
    )
    parser.add_argument("--cameras", type=int, default=1_000_000)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--fill-timeout", type=float, default=1800, help="seconds allowed to fill the register")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    if args.register == "demo":
        print("Creating a private PostgreSQL cluster, migrating and loading the demo register...")
        with PrivateCluster() as cluster:
            environment = server_environment(cluster.url(), LOG_LEVEL="WARNING", GUNICORN_ACCESS_LOG="")
            figures = serve_and_load(args, environment, cluster.directory / "gunicorn.log")
    else:
        if not args.database_url.rsplit("/", 1)[-1].startswith("cctv_load"):
            raise SystemExit("--database-url must name a database starting with cctv_load (the bench may empty it).")
        from bench.run import ensure_database

        ensure_database(args.database_url)
        environment = server_environment(args.database_url, LOG_LEVEL="WARNING", GUNICORN_ACCESS_LOG="")
        log = Path(os.environ.get("TMPDIR", "/tmp")) / f"cctv-load-gunicorn-{os.getpid()}.log"
        figures = serve_and_load(args, environment, log)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
