"""Fault bench: the database restarts under load. What do clients get before, during and after, and how soon after
the database returns is a request served again?

    .venv/bin/python -m bench.faults [--clients 20] [--seconds 20] [--outage-at 7] [--outage 3] [--workers 3]

Builds its own stack (bench/stack.py): a private PostgreSQL cluster on a free port, migrated and loaded with the demo
register, and gunicorn with sync workers on 127.0.0.1. Clients, each a thread with a 10 s timeout, loop over the API
counts, the API camera list and the web camera list as the demo officer for a fixed time; meanwhile the cluster is
stopped (``pg_ctl stop -m fast``, which ends every connection) and started again. Everything is removed at the end.
The shared cluster on port 5432 is never touched."""

import argparse
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from bench.stack import Gunicorn, PrivateCluster, credentials, fetch, manage, server_environment

ADDRESSES = [
    ("API counts", "/api/v1/cameras/counts/?group_by=status"),
    ("API list", "/api/v1/cameras/?limit=50"),
    ("HTML list", "/cameras/"),
]


@dataclass
class Outcome:
    started: float
    ended: float
    address: str
    kind: str  # the status code, or the exception's class when there was no answer
    well_formed: bool  # a 503 with Retry-After, JSON under /api/ and the page elsewhere; any other answer: True


def well_formed(address: str, answer) -> bool:
    if answer.status != 503:
        return True
    if "Retry-After" not in answer.headers:
        return False
    if address.startswith("/api/"):
        return "detail" in json.loads(answer.body)
    return b"Sorry, the service is unavailable" in answer.body


def client(number: int, base: str, headers: dict, until: float, outcomes: list) -> None:
    turn = number
    while time.monotonic() < until:
        _, address = ADDRESSES[turn % len(ADDRESSES)]
        turn += 1
        started = time.monotonic()
        answer = fetch(base + address, headers=headers, timeout=10)
        outcomes.append(Outcome(started, time.monotonic(), address, answer.kind, well_formed(address, answer)))
        if answer.status != 200:
            time.sleep(0.05)  # as a client that backs off a little; never a tight loop on errors


def logged_reasons(log: str) -> Counter:
    """The driver's first line for each logged database.unavailable, its address left out."""
    reasons = Counter()
    for line in log.splitlines():
        if line.startswith("{") and '"event": "database.unavailable"' in line:
            event = json.loads(line)
            reasons[re.sub(r'^connection to server at "[^"]*", port \d+ failed: ', "", event["reason"])] += 1
    return reasons


def report(outcomes: list[Outcome], began: float, down: float, up: float, ended: float, reasons: Counter) -> None:
    phases = [
        ("before", began, down),
        ("during", down, up),
        ("after", up, ended),
    ]
    print(f"\nanswers by the time they came back\n{'phase':<8} {'seconds':>7} {'requests':>8} {'req/s':>6}  by kind")
    for name, start, end in phases:
        inside = [outcome for outcome in outcomes if start <= outcome.ended < end]
        kinds = Counter(outcome.kind for outcome in inside)
        seconds = end - start
        described = ", ".join(f"{kind}: {count}" for kind, count in sorted(kinds.items()))
        print(f"{name:<8} {seconds:>7.1f} {len(inside):>8} {len(inside) / seconds:>6.0f}  {described}")
    errors = [outcome for outcome in outcomes if outcome.kind != "200"]
    by_address = Counter((outcome.address.split("?")[0], outcome.kind) for outcome in errors)
    print("\nerrors by address and kind: " + (", ".join(f"{a} {k}: {n}" for (a, k), n in sorted(by_address.items()))))
    print(f"503s without Retry-After or their body: {sum(not outcome.well_formed for outcome in outcomes)}")
    refused = sum(outcome.kind == "503" for outcome in outcomes)
    print(f"database.unavailable log lines: {reasons.total()} (503s: {refused}), by reason:")
    for reason, count in reasons.most_common():
        print(f"  {count:>5}  {reason}")
    served = [outcome.ended for outcome in outcomes if outcome.kind == "200" and outcome.started >= down]
    if served:
        first = (min(served) - up) * 1000
        print(f"first success after the database returned: {first:.0f} ms (its return is known to within 20 ms)")
    else:
        print("no success after the database returned")
    late = [outcome for outcome in errors if outcome.ended >= up]
    if late:
        last = max(late, key=lambda outcome: outcome.ended)
        print(f"errors after its return: {len(late)}, the last {(last.ended - up) * 1000:.0f} ms after ({last.kind})")
    else:
        print("errors after its return: none")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--outage-at", type=float, default=7, help="seconds into the run the database stops")
    parser.add_argument("--outage", type=float, default=3, help="seconds it stays down")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    args = parser.parse_args()
    if not 0 < args.outage_at < args.outage_at + args.outage < args.seconds:
        raise SystemExit("The outage must start and end within the run.")

    print("Creating a private PostgreSQL cluster, migrating and loading the demo register...")
    with PrivateCluster() as cluster:
        environment = server_environment(cluster.url(), LOG_LEVEL="WARNING")
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment | {"DEBUG": "1"}, "load_demo")  # development data: load_demo runs only with DEBUG on
        login = credentials(environment, "demo-officer")
        headers = {"Authorization": f"Token {login.token}", "Cookie": f"sessionid={login.session}"}
        with Gunicorn(environment, workers=args.workers, log=cluster.directory / "gunicorn.log") as server:
            print(
                f"gunicorn ({args.workers} sync workers) on port {server.port}, PostgreSQL on port {cluster.port}; "
                f"{args.clients} clients for {args.seconds:.0f} s, the database down from {args.outage_at:.0f} s "
                f"for {args.outage:.0f} s"
            )
            outcomes: list[Outcome] = []  # list.append is atomic: the clients share it
            began = time.monotonic()
            until = began + args.seconds
            clients = [
                threading.Thread(target=client, args=(number, server.base, headers, until, outcomes))
                for number in range(args.clients)
            ]
            for thread in clients:
                thread.start()
            time.sleep(args.outage_at)
            down = time.monotonic()
            cluster.stop()
            time.sleep(max(0.0, down + args.outage - time.monotonic()))
            cluster.start()  # returns once the server accepts connections
            up = time.monotonic()
            for thread in clients:
                thread.join(timeout=args.seconds + 15)
            ended = time.monotonic()
            log = (cluster.directory / "gunicorn.log").read_text()
        print(f"database stopped {down - began:.1f} s in, accepting connections again {up - began:.1f} s in")
        report(outcomes, began, down, up, ended, logged_reasons(log))


if __name__ == "__main__":
    main()
