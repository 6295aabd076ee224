"""Celery tasks: each a thin wrapper around a service, so the work is the same with a worker or without one."""

from celery import shared_task

from assets.services import exports, imports


@shared_task(name="assets.import_job_run")
def import_job_run(job_id: str) -> None:
    imports.import_job_run(job_id=job_id)


@shared_task(name="assets.export_job_run")
def export_job_run(job_id: str) -> None:
    exports.export_job_run(job_id=job_id)


@shared_task(name="assets.import_jobs_fail_stale")
def import_jobs_fail_stale() -> int:
    """Every minute: imports and exports whose worker went silent are marked failed."""
    return imports.import_jobs_fail_stale() + exports.export_jobs_fail_stale()


@shared_task(name="assets.import_jobs_forget")
def import_jobs_forget() -> int:
    """Every night: imports and exports (with their files) untouched for a day are deleted."""
    return imports.import_jobs_forget() + exports.export_jobs_forget()
