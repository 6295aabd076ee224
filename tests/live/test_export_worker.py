"""A large download on a real Celery worker (Redis): asked for on one app server, followed and fetched on a second,
and the same file, byte for byte, as the direct download of the same list (tests/live/conftest.py)."""

import re

from tests.live.conftest import camera_rows, wait_for
from tests.live.test_worker import JOB_SECONDS, api

ROWS = 3000


def test_a_large_camera_list_is_written_on_the_worker_and_served_by_another_server(register, redis_queue, browser):
    register.worker(redis_queue)
    broker = register.broker(redis_queue)
    first = register.server(**broker, CCTV_EXPORT_BACKGROUND_ROWS="1000", CCTV_IMPORT_BACKGROUND_ROWS="100000")
    second = register.server(**broker)  # the default threshold: this list streams here
    imported = api(register).post(
        f"{first}/api/v1/cameras/import/",
        files={"file": ("cameras.csv", camera_rows(ROWS), "text/csv")},
        timeout=120,
    )
    assert imported.status_code == 200 and imported.json()["written"], imported.text[:2000]
    browser.sign_in(first)
    query = "?ordering=-asset_tag&status=operational"

    asked = browser.session.get(f"{first}/cameras/download.csv{query}", allow_redirects=False, timeout=60)

    assert asked.status_code == 302, asked.text[:2000]
    job_page = asked.headers["Location"]
    assert re.fullmatch(r"/exports/[0-9a-f-]{36}/", job_page)
    waiting = browser.session.get(f"{second}{job_page}", timeout=10).text
    assert "Preparing your download" in waiting or "Your download is ready" in waiting

    def finished():
        status = browser.session.get(f"{second}{job_page}status.json", timeout=10).json()
        return status if status["finished"] else None

    status = wait_for(finished, seconds=JOB_SECONDS, what="the download on the worker", every=0.2)
    assert status["status"] == "succeeded" and status["processed"] == status["total"] == ROWS, status
    assert "Your download is ready" in browser.session.get(f"{second}{job_page}", timeout=10).text
    from_job = browser.session.get(f"{second}{job_page}file", timeout=60)
    streamed = browser.session.get(f"{second}/cameras/download.csv{query}", allow_redirects=False, timeout=60)
    assert streamed.status_code == 200 and from_job.status_code == 200
    assert from_job.content == streamed.content
    assert from_job.headers["Content-Disposition"] == streamed.headers["Content-Disposition"]
    assert from_job.headers["Content-Type"] == streamed.headers["Content-Type"]
    lines = from_job.content.decode("utf-8-sig").splitlines()
    assert len(lines) == ROWS + 1 and lines[1].startswith(f"LIVE-{ROWS - 1:06d},")
