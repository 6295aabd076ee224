"""End to end: gunicorn in front of a private PostgreSQL cluster (bench/stack.py), which is stopped and started again
as on a restart. While it is down the API answers a JSON 503 and pages the 503 page, both with Retry-After; within
2 s of its return every worker answers again, none with a stale connection. Skipped without PostgreSQL's binaries;
takes about 15 s (initdb and migrations 7 s of it). The shared cluster on port 5432 is never touched."""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.stack import Gunicorn, PrivateCluster, credentials, fetch, manage, postgres_binaries, server_environment
from core.api.exceptions import DATABASE_UNAVAILABLE_DETAIL

pytestmark = pytest.mark.skipif(postgres_binaries() is None, reason="needs PostgreSQL's initdb and pg_ctl")

WORKERS = 2
RECOVERY_SECONDS = 2


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with PrivateCluster() as cluster:
        environment = server_environment(cluster.url())
        manage(environment, "migrate", "--noinput", "-v", "0")
        login = credentials(environment, "outage-test")
        log = tmp_path_factory.mktemp("outage") / "gunicorn.log"
        with Gunicorn(environment, workers=WORKERS, log=log) as server:
            yield cluster, server, login


@pytest.fixture
def addresses(stack):
    cluster, server, login = stack
    return (
        (f"{server.base}/api/v1/cameras/", {"Authorization": f"Token {login.token}"}),
        (f"{server.base}/cameras/", {"Cookie": f"sessionid={login.session}"}),
    )


def many(address, count: int = 12):
    """Concurrent requests, so every worker serves some and holds a persistent connection."""
    url, headers = address
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda _: fetch(url, headers=headers), range(count)))


def outage_events(server) -> list[dict]:
    lines = server.log.read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{") and '"event": "database.unavailable"' in line]


def test_no_request_gets_a_connection_a_restart_broke(stack, addresses):
    # Without health checks each worker's first request after the restart failed on its kept connection.
    cluster, server, login = stack
    api, page = addresses
    assert {answer.status for answer in many(api) + many(page)} == {200}
    cluster.stop()
    cluster.start()
    assert [answer.kind for answer in many(api, 24) + many(page, 24) if answer.status != 200] == []


def test_a_database_outage_answers_503_then_recovers_within_2_seconds(stack, addresses):
    cluster, server, login = stack
    api, page = addresses
    assert {answer.status for answer in many(api) + many(page)} == {200}
    already_logged = len(outage_events(server))

    cluster.stop()
    for answer in many(api):
        assert answer.status == 503, answer.kind
        assert answer.headers["Content-Type"] == "application/json"
        assert json.loads(answer.body) == {"detail": DATABASE_UNAVAILABLE_DETAIL}
        assert answer.headers["Retry-After"] == "5"
    for answer in many(page):
        assert answer.status == 503, answer.kind
        assert answer.headers["Content-Type"].startswith("text/html")
        assert answer.headers["Retry-After"] == "5"
        assert b"Sorry, the service is unavailable" in answer.body

    cluster.start()
    returned = time.monotonic()
    url, headers = api
    first = fetch(url, headers=headers, timeout=RECOVERY_SECONDS)
    for _ in range(40):
        if first.status == 200 or time.monotonic() - returned > RECOVERY_SECONDS:
            break
        time.sleep(0.05)
        first = fetch(url, headers=headers, timeout=RECOVERY_SECONDS)
    assert first.status == 200, first.kind
    assert time.monotonic() - returned < RECOVERY_SECONDS
    # No worker kept a connection the restart broke.
    assert [answer.kind for answer in many(api, 24) + many(page, 24) if answer.status != 200] == []

    events = outage_events(server)[already_logged:]
    assert len(events) == 24, "one log line per refused request"
    assert {event["error"] for event in events} == {"OperationalError"}
