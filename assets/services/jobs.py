"""What imports and large downloads share as background jobs: a running job whose worker has gone silent for
CCTV_IMPORT_STALE_SECONDS (killed or lost) is failed, by the beat sweep or when someone reads it."""

import datetime
import logging

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import timezone

from assets.choices import ImportJobStatus  # ExportJobStatus is the same choices
from core.logs import log_event


def _silent_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.CCTV_IMPORT_STALE_SECONDS)


def jobs_fail_stale(jobs: QuerySet, *, detail: str, logger: logging.Logger, event: str) -> int:
    """Mark failed each of ``jobs`` running and silent too long, with ``detail``; returns how many."""
    stale = jobs.filter(status=ImportJobStatus.RUNNING, updated_at__lt=_silent_since())
    failed = stale.update(status=ImportJobStatus.FAILED, detail=detail, updated_at=timezone.now())
    if failed:
        log_event(logger, event, jobs=failed)
    return failed


def job_refreshed(job: Model, *, fail_stale) -> Model:
    """``job`` as it stands now, failed if its worker has gone silent: a reader never waits on a lost job. Only a
    job already silent is written to, so polling a live one takes no write lock (SQLite would refuse a writer)."""
    if job.status == ImportJobStatus.RUNNING and job.updated_at < _silent_since():
        fail_stale(job_ids=[job.pk])
        job.refresh_from_db(fields=["status", "processed", "total", "detail", "updated_at"])
    return job
