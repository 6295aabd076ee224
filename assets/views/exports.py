"""Downloads that may be large: streamed in their request up to CCTV_EXPORT_BACKGROUND_ROWS rows, past that written
by a worker while a page shows the progress, then served from the job's row by any app server.

A job is its user's alone: its page, status and file are 404 for anyone else."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods

from assets.choices import ExportJobStatus
from assets.models import ExportJob
from assets.selectors import export_job_file, export_jobs_for_user
from assets.services.exports import (
    export_job_create,
    export_job_refresh,
    export_job_start,
    export_jobs_forget,
    export_runs_in_background,
)
from core.filtersets import FilterError
from core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response

TEMPLATE = "assets/export_job.html"
GONE = "This download has expired, or is not yours: download it again from its page."
# Without JavaScript, the progress page reloads itself this often.
# The builders of the downloads that may be large (``core.spreadsheets.Download``), named as a job stores them.
CAMERA_LIST_DOWNLOAD = "assets.downloads.camera_list_download"
REPLACEMENT_PLAN_DOWNLOAD = "assets.downloads.replacement_plan_download"


def filter_errors_response(errors) -> HttpResponse:
    """A download's answer to bad filters: a 400 naming each parameter, rather than a file of the wrong cameras."""
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return HttpResponseBadRequest(
        "\n".join(["There is a problem with the filters.", *lines]), content_type="text/plain"
    )


def download_or_export_job(request, *, builder: str, format: str) -> HttpResponse:
    """The download built by ``builder`` (a dotted path) from the request's user and query string: streamed now if
    it is small, else a job for a worker and a redirect to its page."""
    try:
        download = import_string(builder)(
            user=request.user, query=request.GET, format=format, today=timezone.localdate()
        )
    except FilterError as error:
        return filter_errors_response(error.errors)
    rows = download.rows_count()
    if not export_runs_in_background(rows=rows):
        return download_response(download)
    export_jobs_forget()
    job = export_job_create(
        user=request.user,
        builder=builder,
        query=request.GET.urlencode(),
        organisation_ids=download.scope(),
        filename=download.filename,
        total=rows,
    )
    export_job_start(job=job)
    return redirect("assets:export-job", token=str(job.pk))


def _job(request, token: str) -> ExportJob:
    try:
        job_id = uuid.UUID(token)
    except (TypeError, ValueError) as error:
        raise Http404(GONE) from error
    job = export_jobs_for_user(user=request.user).filter(pk=job_id).first()
    if job is None:
        raise Http404(GONE)
    return export_job_refresh(job=job)


@login_required
@require_http_methods(["GET"])
def export_job(request, token: str):
    """The download's page: its progress while a worker writes it, then a button to fetch it."""
    job = _job(request, token)
    context = {"job": job, "token": str(job.pk), "failed": job.status == ExportJobStatus.FAILED}
    if not job.finished:
        context |= {"status_url": reverse("assets:export-status", args=[job.pk])}
    return render(request, TEMPLATE, context)


@login_required
@require_http_methods(["GET"])
def export_status(request, token: str):
    """The job's progress as JSON, for the progress bar's script."""
    job = _job(request, token)
    return JsonResponse(
        {
            "status": job.status,
            "processed": job.processed,
            "total": job.total,
            "finished": job.finished,
            "failed": job.status == ExportJobStatus.FAILED,
        }
    )


@login_required
@require_http_methods(["GET"])
def export_file(request, token: str):
    """The finished file, with the name and type the direct download gives."""
    job = _job(request, token)
    if job.status != ExportJobStatus.SUCCEEDED:
        raise Http404("This download is not ready.")
    content_type = CSV_CONTENT_TYPE if job.filename.endswith(".csv") else XLSX_CONTENT_TYPE
    response = HttpResponse(export_job_file(job=job), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
