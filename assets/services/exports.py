"""Large downloads as jobs: past CCTV_EXPORT_BACKGROUND_ROWS rows, a download is written by a Celery worker
(``assets/tasks.py``; at once without a broker) into the job's row, whose page shows its progress and then serves the
file from any app server. The worker builds it with the same function as the direct download, for the same user,
query string and organisations, so the file is the one the request would have streamed."""

import datetime
import logging
import tempfile

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.module_loading import import_string

from assets.choices import ExportJobStatus
from assets.models import ExportJob
from assets.services.jobs import job_refreshed, jobs_fail_stale
from core.logs import log_event
from core.spreadsheets import SPOOL_IN_MEMORY_UP_TO, Download, download_write

logger = logging.getLogger("cctv.export")

# A finished file is kept this long for its user to fetch.
JOB_KEPT = datetime.timedelta(days=1)
LOST = "The download stopped before it finished (its worker was lost). Try again."
CRASHED = "The download stopped with an unexpected error. Try again."
# The worker reports its progress (and that it is alive) this often, in rows.
PROGRESS_EVERY = 1000


def export_runs_in_background(*, rows: int) -> bool:
    """Whether a download of ``rows`` rows is written by a worker rather than streamed in its request."""
    return rows > settings.CCTV_EXPORT_BACKGROUND_ROWS


def export_job_create(
    *, user, builder: str, query: str, organisation_ids: list[int], filename: str, total: int
) -> ExportJob:
    """Keep what the user asked for, and the organisations they could see when they asked."""
    return ExportJob.objects.create(
        user=user,
        builder=builder,
        query=query,
        organisation_ids=sorted(organisation_ids),
        filename=filename[:255],
        total=total,
    )


def export_job_start(*, job: ExportJob) -> None:
    """Send the job to a worker (without a broker, it has run by the time this returns)."""
    from assets import tasks  # the task calls back into this module

    # Autocommit: the job's row is saved before a worker can look for it.
    tasks.export_job_run.delay(str(job.pk))


def export_job_download(*, job: ExportJob) -> Download:
    """The job's download, built as the direct download is, for its user, query and organisations."""
    build = import_string(job.builder)
    return build(
        user=job.user,
        query=QueryDict(job.query),
        format=job.filename.rsplit(".", 1)[-1],
        today=timezone.localdate(job.created_at),
        organisation_ids=job.organisation_ids,
    )


def export_job_run(*, job_id) -> None:
    """Write a queued job's file. A job no longer queued (already run, or failed when its worker was lost and its
    task offered again) is left as it is."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJobStatus.QUEUED).update(
        status=ExportJobStatus.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("user").defer("content").get(pk=job_id)
    running = ExportJob.objects.filter(pk=job_id, status=ExportJobStatus.RUNNING)

    def progress(written: int) -> None:
        running.update(processed=written, updated_at=timezone.now())

    try:
        download = export_job_download(job=job)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_UP_TO) as file:
            download_write(download, file, progress=progress, every=PROGRESS_EVERY)
            file.seek(0)
            content = file.read()
    except Exception as error:
        log_event(logger, "export.crashed", job=str(job_id), error=repr(error)[:300])
        running.update(status=ExportJobStatus.FAILED, detail=CRASHED, updated_at=timezone.now())
        return
    done = running.update(status=ExportJobStatus.SUCCEEDED, content=content, updated_at=timezone.now())
    if done:
        log_event(logger, "export.written", job=str(job_id), bytes=len(content))


def export_jobs_fail_stale(*, job_ids=None) -> int:
    """Mark failed each running job silent for CCTV_IMPORT_STALE_SECONDS: its worker was killed or lost."""
    jobs = ExportJob.objects.all() if job_ids is None else ExportJob.objects.filter(pk__in=job_ids)
    return jobs_fail_stale(jobs, detail=LOST, logger=logger, event="export.lost")


def export_job_refresh(*, job: ExportJob) -> ExportJob:
    """The job as it stands now, failed if its worker has gone silent (``jobs.job_refreshed``)."""
    return job_refreshed(job, fail_stale=export_jobs_fail_stale)


def export_jobs_forget() -> int:
    """Delete the jobs (and their files) untouched for a day."""
    deleted, _ = ExportJob.objects.filter(updated_at__lt=timezone.now() - JOB_KEPT).delete()
    return deleted
