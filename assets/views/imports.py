"""/cameras/import/: upload, see what would change, confirm. Thin: the importer does the work."""

import secrets
import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assets.importing import cameras_import
from assets.importing.problems import problems_workbook
from core.printing import Printed
from core.spreadsheets import xlsx_content_response
from registry.policy import Action, organisations_where_user_may
from registry.selectors import OrganisationChoiceError, organisation_to_edit

SESSION_KEY = "camera_imports"
TEMPLATE = "assets/camera_import.html"
PREVIEW_CHANGES_SHOWN = 200
UPLOAD_KEPT_SECONDS = 24 * 60 * 60


def _uploads() -> FileSystemStorage:
    return FileSystemStorage(location=settings.CCTV_IMPORT_UPLOAD_DIR)


def _forget_old_uploads(storage: FileSystemStorage) -> None:
    """Uploads previewed but never confirmed are kept a day, then removed."""
    if not storage.exists(""):
        return
    cutoff = time.time() - UPLOAD_KEPT_SECONDS
    for name in storage.listdir("")[1]:
        if storage.get_modified_time(name).timestamp() < cutoff:
            storage.delete(name)


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


def _pending(request, token: str) -> dict:
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if not token or pending is None:
        raise Http404("This upload has expired: upload the file again.")
    return pending


def _forget(request, token: str, stored: str) -> None:
    _uploads().delete(stored)
    request.session[SESSION_KEY] = {k: v for k, v in request.session.get(SESSION_KEY, {}).items() if k != token}


def _run(request, pending: dict, *, dry_run: bool):
    organisation = _organisation(request, pending["organisation"])
    if organisation is None:
        raise Http404("This upload has expired: upload the file again.")
    with _uploads().open(pending["stored"], "rb") as upload:
        report = cameras_import(
            organisation=organisation, file=upload, filename=pending["filename"], dry_run=dry_run, user=request.user
        )
    return organisation, report


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
    _forget_old_uploads(_uploads())
    token = secrets.token_urlsafe(16)
    extension = upload.name.rsplit(".", 1)[-1].lower()[:5] if "." in upload.name else "bin"
    stored = _uploads().save(f"{token}.{extension}", upload)
    pending = {"organisation": organisation.slug, "filename": upload.name, "stored": stored}
    request.session[SESSION_KEY] = request.session.get(SESSION_KEY, {}) | {token: pending}
    _, report = _run(request, pending, dry_run=True)
    if report.errors and not report.problem_rows:
        # Refused as a whole (not a workbook, damaged, too large, no header): no rows to download, so not kept.
        _forget(request, token, stored)
    context |= {"organisation": organisation, "report": report, "token": token}
    context["changes"] = report.changes[:PREVIEW_CHANGES_SHOWN]
    return render(request, TEMPLATE, context, status=400 if report.errors else 200)


@login_required
@require_http_methods(["POST"])
def camera_import_confirm(request):
    """Write the previewed file: checked again, and written only if every row still passes."""
    _editable(request)
    token = request.POST.get("token", "")
    pending = _pending(request, token)
    organisation, report = _run(request, pending, dry_run=False)
    if report.written:
        _forget(request, token, pending["stored"])
    context = {"organisation": organisation, "report": report, "token": token, "done": report.written}
    return render(request, TEMPLATE, context, status=200 if report.written else 400)


@login_required
@require_http_methods(["GET"])
def camera_import_problems(request, token: str):
    """The rows with problems as .xlsx, each with a "Problems" column."""
    _editable(request)
    pending = _pending(request, token)
    organisation, report = _run(request, pending, dry_run=True)
    stem = pending["filename"].rsplit(".", 1)[0]
    printed = Printed(council=organisation.name, document=f"Problems in {pending['filename']}")
    return xlsx_content_response(
        content=problems_workbook(report=report, printed=printed), filename=f"{_safe_name(stem)} - problems.xlsx"
    )


def _safe_name(name: str) -> str:
    return "".join(c for c in name if c.isalnum() or c in " -_.")[:80] or "import"
