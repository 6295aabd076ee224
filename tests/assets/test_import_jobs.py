"""Imports as jobs: kept in the database, run in the background past CCTV_IMPORT_BACKGROUND_ROWS rows (here Celery
runs them eagerly, as without a broker), followed on a progress page and at GET /api/v1/imports/{id}/."""

import datetime
import io
import json

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assets import tasks
from assets.choices import ImportJobStatus
from assets.importing.readers import rows_estimate
from assets.importing.report import ImportReport, RowChange
from assets.models import Camera, ImportJob
from assets.services import imports
from config.celery import app as celery_app
from registry.choices import Role
from tests import factories
from tests.assets.importing.spreadsheets import csv_bytes, upload, xlsx_bytes

GOOD = [["Asset tag", "Site", "Make"], ["CAM-1", "Central Library", "HIKVISION"], ["CAM-2", "Central Library", "Axis"]]
BAD = GOOD + [["CAM-3", "Central Library", "Acme"]]


@pytest.fixture(autouse=True)
def in_the_background(settings):
    """Every file of more than one row goes to the background (run eagerly: the test settings have no broker)."""
    settings.CCTV_IMPORT_BACKGROUND_ROWS = 1
    assert celery_app.conf.task_always_eager


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.mark.django_db
def test_a_large_upload_is_checked_then_written_through_its_job_page(council, library):
    client = browser(factories.user_with_role(council, Role.OFFICER))

    preview = client.post("/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": GOOD}), "cameras.xlsx")})

    job = ImportJob.objects.get()
    assert preview.status_code == 302 and preview["Location"] == f"/cameras/import/{job.pk}/"
    page = client.get(preview["Location"])
    assert page.status_code == 200
    assert "2 created, 0 updated, 0 unchanged (dry run: nothing written)" in page.content.decode()
    assert not Camera.objects.exists()

    done = client.post("/cameras/import/confirm/", {"token": str(job.pk)})

    assert done.status_code == 302 and done["Location"] == f"/cameras/import/{job.pk}/"
    page = client.get(done["Location"])
    assert page.status_code == 200 and "Imported" in page.content.decode()
    assert Camera.objects.count() == 2
    assert ImportJob.objects.get().content in (b"", memoryview(b""))
    assert client.post("/cameras/import/confirm/", {"token": str(job.pk)}).status_code == 404


@pytest.mark.django_db
def test_a_running_job_shows_its_progress_with_a_refresh_for_browsers_without_javascript(council, library):
    officer = factories.user_with_role(council, Role.OFFICER)
    job = ImportJob.objects.create(
        organisation=council, user=officer, filename="big.csv", content=b"x", status=ImportJobStatus.RUNNING,
        processed=1500, total=6000,
    )  # fmt: skip
    client = browser(officer)

    page = client.get(f"/cameras/import/{job.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in html  # a page reloading itself on a timer fails WCAG 2.2.1
    assert f'href="/cameras/import/{job.pk}/">Check progress</a>' in html
    assert '<progress class="app-progress" id="import-progress" max="6000" value="1500"' in html
    assert f'data-status-url="/cameras/import/{job.pk}/status.json"' in html
    assert "<script>" not in html  # the bar is moved by static/js/import-progress.mjs: the CSP allows no inline script
    status = client.get(f"/cameras/import/{job.pk}/status.json")
    assert status.json() == {"status": "running", "processed": 1500, "total": 6000, "finished": False, "failed": False}


@pytest.mark.django_db
def test_a_job_silent_too_long_is_failed_when_read(council, library, settings):
    officer = factories.user_with_role(council, Role.OFFICER)
    job = ImportJob.objects.create(
        organisation=council, user=officer, filename="big.csv", content=b"x", status=ImportJobStatus.RUNNING
    )
    silent = timezone.now() - datetime.timedelta(seconds=settings.CCTV_IMPORT_STALE_SECONDS + 1)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=silent)

    status = browser(officer).get(f"/cameras/import/{job.pk}/status.json").json()

    assert (status["status"], status["finished"], status["failed"]) == ("failed", True, True)
    page = browser(officer).get(f"/cameras/import/{job.pk}/")
    assert "its worker was lost" in page.content.decode()
    body = api(officer).get(f"/api/v1/imports/{job.pk}/").json()
    assert (body["status"], body["report"]) == ("failed", None)
    assert "nothing was written" in body["detail"]


@pytest.mark.django_db
def test_the_beat_task_fails_only_silent_running_jobs(council, settings):
    silent = timezone.now() - datetime.timedelta(seconds=settings.CCTV_IMPORT_STALE_SECONDS + 1)
    jobs = {
        status: ImportJob.objects.create(organisation=council, filename=f"{status}.csv", status=status)
        for status in (ImportJobStatus.RUNNING, ImportJobStatus.QUEUED, ImportJobStatus.SUCCEEDED)
    }
    ImportJob.objects.update(updated_at=silent)
    alive = ImportJob.objects.create(organisation=council, filename="alive.csv", status=ImportJobStatus.RUNNING)

    assert tasks.import_jobs_fail_stale.delay().get() == 1

    assert ImportJob.objects.get(pk=jobs[ImportJobStatus.RUNNING].pk).status == ImportJobStatus.FAILED
    assert ImportJob.objects.get(pk=jobs[ImportJobStatus.QUEUED].pk).status == ImportJobStatus.QUEUED
    assert ImportJob.objects.get(pk=alive.pk).status == ImportJobStatus.RUNNING


@pytest.mark.django_db
def test_the_daily_task_forgets_jobs_untouched_for_a_day(council):
    old = ImportJob.objects.create(organisation=council, filename="old.csv", content=b"x")
    ImportJob.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    recent = ImportJob.objects.create(organisation=council, filename="recent.csv", content=b"x")

    assert tasks.import_jobs_forget.delay().get() == 1

    assert list(ImportJob.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_beat_schedule_names_registered_tasks(settings):
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(celery_app.tasks)
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST


@pytest.mark.django_db
def test_a_job_run_again_after_it_finished_or_failed_is_left_alone(council, library):
    job = ImportJob.objects.create(
        organisation=council, filename="c.xlsx", content=xlsx_bytes({"Cameras": GOOD}), dry_run=False,
        status=ImportJobStatus.FAILED, detail=imports.LOST,
    )  # fmt: skip

    tasks.import_job_run.delay(str(job.pk))  # a lost worker's task, offered again by the broker

    assert ImportJob.objects.get(pk=job.pk).status == ImportJobStatus.FAILED
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_an_unexpected_error_fails_the_job_and_writes_nothing(council, library, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "cameras_import", broken)
    job = imports.import_job_create(
        organisation=council, user=None, filename="c.xlsx", content=xlsx_bytes({"Cameras": GOOD})
    )

    imports.import_job_start(job=job, dry_run=False)

    assert (job.status, job.report, job.detail) == (ImportJobStatus.FAILED, None, imports.CRASHED)
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_202_with_the_job_and_its_report(council, library):
    officer = factories.user_with_role(council, Role.OFFICER)
    client = api(officer)
    small = client.post(
        "/api/v1/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": GOOD[:2]}), "one.xlsx")}, format="multipart"
    )
    assert small.status_code == 200  # one row: at once, as before
    Camera.objects.all().delete()

    response = client.post(
        "/api/v1/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": GOOD}), "cameras.xlsx")}, format="multipart"
    )

    assert response.status_code == 202
    job = ImportJob.objects.get(filename="cameras.xlsx")
    assert response["Location"] == f"/api/v1/imports/{job.pk}/"
    body = client.get(response["Location"]).json()
    assert body["id"] == str(job.pk)
    assert (body["status"], body["processed"], body["total"], body["dry_run"]) == ("succeeded", 2, 2, False)
    assert body["report"]["summary"] == "2 created, 0 updated, 0 unchanged"
    assert (body["report"]["organisation"], body["report"]["written"]) == ("demo-council", True)
    assert set(body["report"]) == set(small.json())  # the report has the shape of a small file's 200
    assert Camera.objects.count() == 2


@pytest.mark.django_db
def test_a_background_import_with_problems_fails_with_its_report(council, library):
    client = api(factories.user_with_role(council, Role.ADMIN))

    response = client.post(
        "/api/v1/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": BAD}), "c.xlsx")}, format="multipart"
    )

    assert response.status_code == 202
    body = client.get(response["Location"]).json()
    assert (body["status"], body["report"]["error_count"], body["report"]["written"]) == ("failed", 1, False)
    assert body["report"]["errors"][0]["row"] == 4
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_in_the_background_writes_nothing(council, library):
    client = api(factories.user_with_role(council, Role.OFFICER))
    data = {"file": upload(xlsx_bytes({"Cameras": GOOD}), "c.xlsx"), "dry_run": "true"}
    response = client.post("/api/v1/cameras/import/", data, format="multipart")
    assert response.status_code == 202
    body = client.get(response["Location"]).json()
    assert (body["status"], body["dry_run"], body["report"]["created"]) == ("succeeded", True, 2)
    assert not Camera.objects.exists()


@pytest.mark.django_db
def test_a_job_is_seen_only_by_those_who_may_import_into_its_organisation(council, other_council, library):
    officer = factories.user_with_role(council, Role.OFFICER)
    response = api(officer).post(
        "/api/v1/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": GOOD}), "c.xlsx")}, format="multipart"
    )
    location = response["Location"]

    assert api(factories.user_with_role(council, Role.ADMIN)).get(location).status_code == 200
    assert api(factories.user_with_role(council, Role.VIEWER)).get(location).status_code == 403
    assert api(factories.user_with_role(other_council, Role.ADMIN)).get(location).status_code == 404
    assert api(officer).get("/api/v1/imports/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_rows_are_estimated_without_reading_the_file():
    rows = [["Asset tag", "Site"]] + [[f"C-{n}", "Library"] for n in range(2500)]
    assert rows_estimate(content=csv_bytes(rows), filename="c.csv") in (2501, 2502)
    assert rows_estimate(content=xlsx_bytes({"Cameras": rows}), filename="c.xlsx") == 2501
    assert rows_estimate(content=b"PK\x03\x04 damaged", filename="c.xlsx") == 0
    assert rows_estimate(content=b"GIF89a", filename="c.png") == 0


def test_a_report_kept_as_json_reads_back_as_it_was():
    report = ImportReport(filename="c.xlsx", dry_run=True, created=1, rows=2)
    report.problem(sheet="Cameras", row=3, column="Make", value="Acme", message="Unknown manufacturer")
    report.changes.append(RowChange(row=2, asset_tag="C-1", action="update", fields=("model",)))
    report.headers["Cameras"] = ["Asset tag", "Installed"]
    when = datetime.datetime(2020, 1, 2, 3, 4, 5)
    report.problem_rows["Cameras"] = {3: ["C-2", datetime.date(2020, 1, 2)], 4: [when, datetime.time(1, 2), 1.5]}

    again = ImportReport.from_record(json.loads(json.dumps(report.as_record(changes_kept=10))))

    assert again == report


def test_the_problems_download_of_a_background_job_reads_its_report(council, library, db):
    client = browser(factories.user_with_role(council, Role.OFFICER))
    preview = client.post("/cameras/import/", {"file": upload(xlsx_bytes({"Cameras": BAD}), "cameras.xlsx")})
    page = client.get(preview["Location"])
    assert page.status_code == 400 and "Download the rows with problems" in page.content.decode()
    download = client.get(f"{preview['Location']}problems.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download.content))["Cameras"]
    assert [cell.value for cell in sheet[2]][:4] == [4, "CAM-3", "Central Library", "Acme"]
