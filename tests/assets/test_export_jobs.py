"""Large downloads as jobs: past CCTV_EXPORT_BACKGROUND_ROWS rows the camera list's and the replacement plan's
downloads are written in the background (here Celery runs them eagerly, as without a broker) and served from the
job's page; the file is the one the direct download gives, for the user who asked and no one else."""

import datetime
import json

import pytest
from django.http import QueryDict
from django.test import Client
from django.utils import timezone

from assets import tasks
from assets.choices import ExportJobStatus
from assets.models import ExportJob
from assets.services import exports
from config.celery import app as celery_app
from registry.choices import Role
from registry.models import Membership
from tests import factories
from tests.exports import assert_same_file, direct, through_a_job

CAMERA_LIST = "assets.downloads.camera_list_download"


@pytest.fixture(autouse=True)
def eager():
    assert celery_app.conf.task_always_eager


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def background(settings, rows: int = 0) -> None:
    settings.CCTV_EXPORT_BACKGROUND_ROWS = rows


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "params",
    [{}, {"status": ["operational", "faulty"], "ordering": "-install_date"}, {"q": "C", "site": "x"}],
    ids=["everything", "filtered", "refused"],
)
def test_a_large_camera_list_is_the_direct_download_cell_by_cell(settings, register, officer, format, params):
    client = browser(officer)
    url = f"/cameras/download.{format}"
    if "site" in params:  # bad filters: a 400 either way, never a job
        assert client.get(url, params).status_code == 400
        background(settings)
        assert client.get(url, params).status_code == 400
        assert not ExportJob.objects.exists()
        return
    streamed = direct(client, url, params)
    background(settings)

    from_job = through_a_job(client, url, params)

    assert_same_file(*streamed, *from_job)
    job = ExportJob.objects.get()
    assert job.status == ExportJobStatus.SUCCEEDED and job.processed == job.total
    assert b"THEIRS" not in job.content


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_large_replacement_plan_is_the_direct_download_cell_by_cell(
    settings, register, follows_uk_statement, officer, format
):
    factories.camera(factories.site(factories.organisation(name="Elsewhere", slug="elsewhere")), asset_tag="AWAY")
    client = browser(officer)
    url = f"/replacement/download.{format}"
    params = {"organisation": follows_uk_statement.slug}
    streamed = direct(client, url, params)
    background(settings)

    from_job = through_a_job(client, url, params)

    assert_same_file(*streamed, *from_job)
    job = ExportJob.objects.get()
    assert job.total >= 1 and job.processed == job.total
    assert job.query == f"organisation={follows_uk_statement.slug}"


@pytest.mark.django_db
def test_a_download_at_the_threshold_still_streams(settings, register, officer):
    client = browser(officer)
    settings.CCTV_EXPORT_BACKGROUND_ROWS = 5  # the council's five cameras
    response = client.get("/cameras/download.csv")
    assert response.status_code == 200 and response.streaming
    settings.CCTV_EXPORT_BACKGROUND_ROWS = 4
    assert client.get("/cameras/download.csv").status_code == 302


@pytest.mark.django_db
def test_the_job_is_its_users_alone(settings, register, officer, council, other_officer):
    background(settings)
    job_page = browser(officer).get("/cameras/download.csv")["Location"]
    colleague = factories.user_with_role(council, Role.ADMIN)
    for stranger in (other_officer, colleague):
        client = browser(stranger)
        for suffix in ("", "status.json", "file"):
            assert client.get(f"{job_page}{suffix}").status_code == 404
    assert Client().get(job_page).status_code == 302  # to the sign-in page
    assert browser(officer).get(f"{job_page}file").status_code == 200
    assert browser(officer).get("/exports/not-a-uuid/").status_code == 404


@pytest.mark.django_db
def test_the_job_never_reads_wider_than_its_user_could_when_they_asked(register, officer, other_council):
    """Its user joins another council between asking and the worker starting: the file still leaves it out."""
    job = exports.export_job_create(
        user=officer, builder=CAMERA_LIST, query="", organisation_ids=[register["library"].organisation_id],
        filename="cameras-2026-12-02.csv", total=5,
    )  # fmt: skip
    Membership.objects.create(user=officer, organisation=other_council, role=Role.VIEWER)

    exports.export_job_start(job=job)

    job.refresh_from_db()
    content = bytes(job.content).decode("utf-8-sig")
    assert job.status == ExportJobStatus.SUCCEEDED
    assert "THEIRS" not in content and sorted(line.split(",")[0] for line in content.splitlines()[1:]) == list("ABCDE")


@pytest.mark.django_db
def test_the_job_reads_no_organisation_its_user_has_since_left(register, officer, council):
    job = exports.export_job_create(
        user=officer, builder=CAMERA_LIST, query=QueryDict("ordering=asset_tag").urlencode(),
        organisation_ids=[council.pk], filename="cameras-2026-12-02.csv", total=5,
    )  # fmt: skip
    Membership.objects.filter(user=officer, organisation=council).delete()

    exports.export_job_start(job=job)

    job.refresh_from_db()
    assert bytes(job.content).decode("utf-8-sig").splitlines()[1:] == []


@pytest.mark.django_db
def test_a_running_job_shows_its_progress_with_a_button_for_browsers_without_javascript(officer):
    job = ExportJob.objects.create(
        user=officer, builder=CAMERA_LIST, filename="cameras-2026-12-02.xlsx", status=ExportJobStatus.RUNNING,
        processed=1500, total=6000,
    )  # fmt: skip
    client = browser(officer)

    page = client.get(f"/exports/{job.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in html  # a page reloading itself on a timer fails WCAG 2.2.1
    assert f'href="/exports/{job.pk}/">Check progress</a>' in html
    assert '<progress class="app-progress" id="export-progress" max="6000" value="1500"' in html
    assert "1500 of 6000 rows written" in html
    assert f'data-status-url="/exports/{job.pk}/status.json"' in html
    assert 'data-module="app-import-progress"' in html and 'data-progress-words="rows written"' in html
    assert "<script>" not in html  # the bar is moved by static/js/import-progress.mjs: the CSP allows no inline script
    assert ">Download</a>" not in html
    status = json.loads(client.get(f"/exports/{job.pk}/status.json").content)
    assert status == {"status": "running", "processed": 1500, "total": 6000, "finished": False, "failed": False}
    assert client.get(f"/exports/{job.pk}/file").status_code == 404  # not ready


@pytest.mark.django_db
def test_a_queued_job_waits_for_a_worker(officer):
    job = ExportJob.objects.create(user=officer, builder=CAMERA_LIST, filename="cameras-2026-12-02.csv", total=9)
    html = browser(officer).get(f"/exports/{job.pk}/").content.decode()
    assert "Waiting for a worker to start" in html and ">Check progress</a>" in html


@pytest.mark.django_db
def test_a_job_whose_worker_went_silent_is_failed_when_read_and_not_run_again(settings, officer):
    settings.CCTV_IMPORT_STALE_SECONDS = 60
    job = ExportJob.objects.create(
        user=officer, builder=CAMERA_LIST, filename="cameras-2026-12-02.csv", status=ExportJobStatus.RUNNING,
        processed=10, total=100, updated_at=timezone.now() - datetime.timedelta(minutes=5),
    )  # fmt: skip
    client = browser(officer)

    status = json.loads(client.get(f"/exports/{job.pk}/status.json").content)

    assert status["status"] == "failed" and status["finished"] and status["failed"]
    html = client.get(f"/exports/{job.pk}/").content.decode()
    assert "Your download failed" in html and "worker was lost" in html and 'http-equiv="refresh"' not in html
    tasks.export_job_run(str(job.pk))  # the broker offers the task again (acks late): it leaves the job as it is
    job.refresh_from_db()
    assert job.status == ExportJobStatus.FAILED and bytes(job.content) == b""


@pytest.mark.django_db
def test_the_beat_sweep_fails_silent_jobs_and_the_daily_cleanup_forgets_day_old_files(settings, officer):
    settings.CCTV_IMPORT_STALE_SECONDS = 60
    old = timezone.now() - datetime.timedelta(days=1, minutes=1)
    silent = ExportJob.objects.create(
        user=officer, builder=CAMERA_LIST, filename="a.csv", status=ExportJobStatus.RUNNING,
        updated_at=timezone.now() - datetime.timedelta(minutes=2),
    )  # fmt: skip
    done_long_ago = ExportJob.objects.create(
        user=officer, builder=CAMERA_LIST, filename="b.csv", status=ExportJobStatus.SUCCEEDED, content=b"x",
        updated_at=old,
    )  # fmt: skip
    recent = ExportJob.objects.create(
        user=officer, builder=CAMERA_LIST, filename="c.csv", status=ExportJobStatus.SUCCEEDED, content=b"x"
    )

    assert tasks.import_jobs_fail_stale() == 1
    assert tasks.import_jobs_forget() == 1

    assert ExportJob.objects.get(pk=silent.pk).status == ExportJobStatus.FAILED
    assert not ExportJob.objects.filter(pk=done_long_ago.pk).exists()
    assert ExportJob.objects.filter(pk=recent.pk).exists()


@pytest.mark.django_db
def test_a_crash_while_writing_fails_the_job(settings, register, officer, monkeypatch):
    background(settings)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("assets.services.exports.download_write", broken)
    job_page = browser(officer).get("/cameras/download.xlsx")["Location"]
    html = browser(officer).get(job_page).content.decode()
    assert "Your download failed" in html and "unexpected error" in html
    assert ExportJob.objects.get().status == ExportJobStatus.FAILED
