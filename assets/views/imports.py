"""/cameras/import/: upload, see what would change, confirm. Thin: the importer and its jobs do the work.

The upload waits in the database (``assets.ImportJob``), so the preview and the confirmation may reach different
app servers; a file of more than CCTV_IMPORT_BACKGROUND_ROWS rows is checked and written by a worker while the
job's page shows its progress."""

import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assets.choices import ImportJobStatus
from assets.importing.problems import problems_workbook
from assets.importing.report import ImportReport
from assets.models import ImportJob
from assets.selectors import import_job_has_file, import_jobs_for_user
from assets.services.imports import import_job_create, import_job_refresh, import_job_start, import_jobs_forget
from core.printing import Printed
from core.spreadsheets import xlsx_content_response
from registry.policy import Action, organisations_where_user_may
from registry.selectors import OrganisationChoiceError, organisation_to_edit

TEMPLATE = "assets/camera_import.html"
PROGRESS_TEMPLATE = "assets/camera_import_progress.html"
EXPIRED = "This upload has expired: upload the file again."
# Without JavaScript, the progress page reloads itself this often.


def _editable(request):
    organisations = organisations_where_user_may(user=request.user, action=Action.CHANGE)
    if not organisations.exists():
        raise PermissionDenied("Your role cannot change the camera register.")
    return organisations


def _organisation(request, slug):
    try:
        return organisation_to_edit(user=request.user, slug=slug or None)
    except OrganisationChoiceError as error:
        if error.forbidden:
            raise PermissionDenied(str(error)) from error
        return None


def _job(request, token: str) -> ImportJob:
    """The user's own upload, in an organisation they may still change: anyone else's is "expired"."""
    try:
        job_id = uuid.UUID(token)
    except (TypeError, ValueError) as error:
        raise Http404(EXPIRED) from error
    job = import_jobs_for_user(user=request.user).filter(pk=job_id, user=request.user).first()
    if job is None:
        raise Http404(EXPIRED)
    return import_job_refresh(job=job)


def _job_page(request, job: ImportJob, context: dict | None = None):
    """A finished job's report (a preview, or what was written); a job still running, its progress."""
    context = (context or {}) | {"organisation": job.organisation, "token": str(job.pk), "job": job}
    if not job.finished:
        status_url = reverse("assets:camera-import-status", args=[job.pk])
        context |= {"status_url": status_url}
        return render(request, PROGRESS_TEMPLATE, context)
    if job.report is None:  # stopped before it could report: its worker was lost, or it crashed
        return render(request, TEMPLATE, context | {"job_error": job.detail})
    report = ImportReport.from_record(job.report)
    done = report.written
    context |= {"report": report, "done": done, "changes": report.changes}
    return render(request, TEMPLATE, context, status=400 if report.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def camera_import(request):
    """GET: the upload form. POST: check the file (a dry run) and show what would happen."""
    organisations = _editable(request)
    context = {"organisations": organisations, "max_mb": settings.CCTV_IMPORT_MAX_BYTES // (1024 * 1024)}
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    upload = request.FILES.get("file")
    organisation = _organisation(request, request.POST.get("organisation"))
    if upload is None or organisation is None:
        context["form_error"] = "Choose a file." if upload is None else "Choose the organisation to import into."
        return render(request, TEMPLATE, context, status=400)
    if upload.size > settings.CCTV_IMPORT_MAX_BYTES:
        context["form_error"] = f"The file is too big: at most {context['max_mb']} MB."
        return render(request, TEMPLATE, context, status=400)
    import_jobs_forget()
    job = import_job_create(organisation=organisation, user=request.user, filename=upload.name, content=upload.read())
    if import_job_start(job=job, dry_run=True):
        return redirect("assets:camera-import-job", token=str(job.pk))
    return _job_page(request, job, context)


@login_required
@require_http_methods(["POST"])
def camera_import_confirm(request):
    """Write the previewed file: checked again, and written only if every row still passes."""
    _editable(request)
    job = _job(request, request.POST.get("token", ""))
    if not job.dry_run or not job.finished or not import_job_has_file(job=job):
        raise Http404(EXPIRED)
    if _organisation(request, job.organisation.slug) is None:
        raise Http404(EXPIRED)
    if import_job_start(job=job, dry_run=False):
        return redirect("assets:camera-import-job", token=str(job.pk))
    return _job_page(request, job)


@login_required
@require_http_methods(["GET"])
def camera_import_job(request, token: str):
    """The upload's page: its progress while a worker checks or writes it, then its report."""
    _editable(request)
    return _job_page(request, _job(request, token))


@login_required
@require_http_methods(["GET"])
def camera_import_status(request, token: str):
    """The job's progress as JSON, for the progress bar's script."""
    _editable(request)
    job = _job(request, token)
    return JsonResponse(
        {
            "status": job.status,
            "processed": job.processed,
            "total": job.total,
            "finished": job.finished,
            "failed": job.status == ImportJobStatus.FAILED and job.report is None,
        }
    )


@login_required
@require_http_methods(["GET"])
def camera_import_problems(request, token: str):
    """The rows with problems as .xlsx, each with a "Problems" column."""
    _editable(request)
    job = _job(request, token)
    if job.report is None:
        raise Http404("This import has no report yet.")
    report = ImportReport.from_record(job.report)
    stem = job.filename.rsplit(".", 1)[0]
    printed = Printed(council=job.organisation.name, document=f"Problems in {job.filename}")
    return xlsx_content_response(
        content=problems_workbook(report=report, printed=printed), filename=f"{_safe_name(stem)} - problems.xlsx"
    )


def _safe_name(name: str) -> str:
    return "".join(c for c in name if c.isalnum() or c in " -_.")[:80] or "import"
