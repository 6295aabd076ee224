"""Celery tasks: each a thin wrapper around a service, so the work is the same with a worker or without one."""

from celery import shared_task

from assets.services import imports


@shared_task(name="assets.import_job_run")
def import_job_run(job_id: str) -> None:
    imports.import_job_run(job_id=job_id)


@shared_task(name="assets.import_jobs_fail_stale")
def import_jobs_fail_stale() -> int:
    return imports.import_jobs_fail_stale()


@shared_task(name="assets.import_jobs_forget")
def import_jobs_forget() -> int:
    return imports.import_jobs_forget()
