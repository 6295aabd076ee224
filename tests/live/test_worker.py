"""A real Celery worker on Redis: a large import runs on it, and a worker killed mid-import leaves nothing written and
its job failed. The worker and the app servers are processes of their own on one database (tests/live/conftest.py)."""

import signal

import requests

from tests.live.conftest import camera_rows, hidden, wait_for

JOB_SECONDS = 180


def api(register):
    session = requests.Session()
    session.headers["Authorization"] = f"Token {register.token}"
    return session


def post_import(session, server: str, rows: int, **data) -> requests.Response:
    files = {"file": ("cameras.csv", camera_rows(rows), "text/csv")}
    return session.post(f"{server}/api/v1/cameras/import/", data=data, files=files, timeout=60)


def camera_count(session, server: str) -> int:
    return session.get(f"{server}/api/v1/cameras/?limit=1", timeout=10).json()["count"]


def test_a_large_import_runs_on_the_worker_and_reports_its_progress(register, redis_queue):
    register.worker(redis_queue)
    server = register.server(**register.broker(redis_queue), CCTV_IMPORT_BACKGROUND_ROWS="1000")
    session = api(register)

    response = post_import(session, server, 3000)

    assert response.status_code == 202, response.text[:2000]
    assert response.json()["status"] in {"queued", "running", "succeeded"}
    job_url = f"{server}{response.headers['Location']}"
    seen = []

    def finished():
        job = session.get(job_url, timeout=10).json()
        seen.append((job["status"], job["processed"]))
        return job if job["status"] in {"succeeded", "failed"} else None

    job = wait_for(finished, seconds=JOB_SECONDS, what="the import on the worker", every=0.1)
    assert job["status"] == "succeeded", job
    assert (job["processed"], job["total"]) == (3000, 3000)
    assert job["report"]["summary"] == "3000 created, 0 updated, 0 unchanged"
    assert job["report"]["written"] is True
    assert camera_count(session, server) == 3000
    assert {status for status, _ in seen} <= {"queued", "running", "succeeded"}


def test_the_web_import_is_previewed_and_confirmed_through_the_worker_on_two_servers(register, redis_queue, browser):
    register.worker(redis_queue)
    first = register.server(**register.broker(redis_queue), CCTV_IMPORT_BACKGROUND_ROWS="10")
    second = register.server(**register.broker(redis_queue), CCTV_IMPORT_BACKGROUND_ROWS="10")
    browser.sign_in(first)
    token = browser.csrf(f"{first}/cameras/import/")

    queued = browser.session.post(
        f"{first}/cameras/import/",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("cameras.csv", camera_rows(50), "text/csv")},
        allow_redirects=False,
        timeout=60,
    )

    assert queued.status_code == 302, queued.text[:2000]
    job_page = queued.headers["Location"]
    status_url = f"{second}{job_page}status.json"
    wait_for(lambda: browser.session.get(status_url, timeout=10).json()["finished"], seconds=JOB_SECONDS, what="check")
    preview = browser.session.get(f"{second}{job_page}", timeout=10)
    assert "50 created, 0 updated, 0 unchanged (dry run: nothing written)" in preview.text
    confirmed = browser.session.post(
        f"{second}/cameras/import/confirm/",
        data={
            "csrfmiddlewaretoken": hidden(preview.text, "csrfmiddlewaretoken"),
            "token": hidden(preview.text, "token"),
        },
        allow_redirects=False,
        timeout=60,
    )
    assert confirmed.status_code == 302
    wait_for(lambda: browser.session.get(status_url, timeout=10).json()["finished"], seconds=JOB_SECONDS, what="write")
    done = browser.session.get(f"{first}{job_page}", timeout=10)
    assert "Imported" in done.text and "50 created" in done.text


def test_a_worker_killed_mid_import_leaves_nothing_written_and_the_job_failed(register, redis_queue):
    worker = register.worker(redis_queue)
    # A job silent for 3 s lost its worker: this one reports every 1,000 rows, many times a second.
    server = register.server(
        **register.broker(redis_queue), CCTV_IMPORT_BACKGROUND_ROWS="1000", CCTV_IMPORT_STALE_SECONDS="3"
    )
    session = api(register)
    response = post_import(session, server, 30_000)
    assert response.status_code == 202, response.text[:2000]
    job_url = f"{server}{response.headers['Location']}"

    def under_way():
        job = session.get(job_url, timeout=10).json()
        assert job["status"] in {"queued", "running"}, f"finished before it could be killed: {job}"
        return job if job["status"] == "running" and job["processed"] > 0 else None

    running = wait_for(under_way, seconds=JOB_SECONDS, what="the import to be under way", every=0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)

    def failed():
        job = session.get(job_url, timeout=10).json()
        return job if job["status"] == "failed" else None

    job = wait_for(failed, seconds=30, what="the lost job to be marked failed", every=0.5)
    assert 0 < running["processed"] < 30_000
    assert job["report"] is None and "worker was lost" in job["detail"] and "nothing was written" in job["detail"]
    assert camera_count(session, server) == 0

    # The broker offers the task again to the next worker (acks late): it finds the job failed and leaves it.
    register.worker(redis_queue)
    assert session.get(job_url, timeout=10).json()["status"] == "failed"
    assert camera_count(session, server) == 0
