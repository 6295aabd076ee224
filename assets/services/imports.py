"""Camera imports as jobs: the upload kept in the database, then checked (a dry run) or written, here and now for a
small file, by a Celery worker for a large one (``assets/tasks.py``), with the progress on the job's row."""

import datetime
import io
import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from assets.choices import ImportJobStatus
from assets.importing import cameras_import
from assets.importing.readers import rows_estimate
from assets.models import ImportJob
from assets.services.jobs import job_refreshed, jobs_fail_stale
from core.logs import log_event
from registry.models import Organisation

logger = logging.getLogger("cctv.import")

# The preview lists this many changes; the counts say how many there are in all.
CHANGES_KEPT = 200
# An upload previewed but never confirmed, or a finished job, is kept this long.
JOB_KEPT = datetime.timedelta(days=1)
LOST = "The import stopped before it finished (its worker was lost): nothing was written. Try again."
CRASHED = "The import stopped with an unexpected error: nothing was written. Try again."


def import_job_create(*, organisation: Organisation, user, filename: str, content: bytes) -> ImportJob:
    """Keep an upload until it has been checked, confirmed and written (or a day has passed)."""
    return ImportJob.objects.create(organisation=organisation, user=user, filename=filename[:255], content=content)


def import_runs_in_background(*, content: bytes, filename: str) -> bool:
    """Whether the file has more rows of cameras (below its heading row) than CCTV_IMPORT_BACKGROUND_ROWS."""
    return rows_estimate(content=content, filename=filename) - 1 > settings.CCTV_IMPORT_BACKGROUND_ROWS


def import_job_start(*, job: ImportJob, dry_run: bool) -> bool:
    """Check (``dry_run``) or write the job's file: now, or on a worker if it has more rows than
    CCTV_IMPORT_BACKGROUND_ROWS. True if it went to a worker (without a broker, it has already run);
    ``job`` is refreshed to where it stands."""
    content = bytes(job.content)
    job.dry_run = dry_run
    job.status = ImportJobStatus.QUEUED
    job.processed, job.total = 0, rows_estimate(content=content, filename=job.filename) or None
    job.report, job.detail, job.updated_at = None, "", timezone.now()
    job.save(update_fields=["dry_run", "status", "processed", "total", "report", "detail", "updated_at"])
    background = import_runs_in_background(content=content, filename=job.filename)
    if background:
        from assets import tasks  # the task calls back into this module

        # Autocommit: the row above is saved before a worker can look for it. Without a broker this runs it now.
        tasks.import_job_run.delay(str(job.pk))
    else:
        import_job_run(job_id=job.pk)
    job.refresh_from_db()
    return background


class _Heartbeat:
    """The importer's progress callback: rows checked so far, saved on the job's row, which also says it is alive."""

    def __init__(self, job_id) -> None:
        self.job_id = job_id

    def __call__(self, processed: int, total: int | None) -> None:
        fields = {"processed": processed, "updated_at": timezone.now()}
        if total:
            fields["total"] = max(total, processed)
        ImportJob.objects.filter(pk=self.job_id, status=ImportJobStatus.RUNNING).update(**fields)


def import_job_run(*, job_id) -> None:
    """Run a queued job to its end. A job no longer queued (already run, or failed when its worker was lost and
    its task offered again) is left as it is."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("organisation", "user").get(pk=job_id)
    try:
        report = cameras_import(
            organisation=job.organisation,
            file=io.BytesIO(bytes(job.content)),
            filename=job.filename,
            dry_run=job.dry_run,
            user=job.user,
            progress=_Heartbeat(job_id),
        )
    except Exception as error:
        log_event(logger, "cameras.import.crashed", job=str(job_id), error=repr(error)[:300])
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJobStatus.FAILED, detail=CRASHED, content=b"", updated_at=timezone.now()
        )
        return
    refused_whole = bool(report.errors) and not report.problem_rows
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJobStatus.SUCCEEDED if report.ok else ImportJobStatus.FAILED,
        processed=report.rows,
        total=report.rows,
        report=report.as_record(changes_kept=CHANGES_KEPT),
        # Written, or refused as a whole (not a workbook, damaged, no header): nothing left to confirm.
        content=b"" if report.written or refused_whole else F("content"),
        updated_at=timezone.now(),
    )


def import_jobs_fail_stale(*, job_ids=None) -> int:
    """Mark failed each running job silent for CCTV_IMPORT_STALE_SECONDS: its worker was killed or lost. Its
    write was one transaction, so nothing of it was written. Returns how many."""
    jobs = ImportJob.objects.all() if job_ids is None else ImportJob.objects.filter(pk__in=job_ids)
    return jobs_fail_stale(jobs, detail=LOST, logger=logger, event="cameras.import.lost")


def import_job_refresh(*, job: ImportJob) -> ImportJob:
    """The job as it stands now, failed if its worker has gone silent (``jobs.job_refreshed``)."""
    return job_refreshed(job, fail_stale=import_jobs_fail_stale)


def import_jobs_forget() -> int:
    """Delete the jobs (and their files) untouched for a day: previews never confirmed, imports long done."""
    deleted, _ = ImportJob.objects.filter(updated_at__lt=timezone.now() - JOB_KEPT).delete()
    return deleted
