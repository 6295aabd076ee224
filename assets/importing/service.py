"""Import cameras from a council's spreadsheet: every row checked first, then all of it written, or none."""

import logging

from django.db import DatabaseError, transaction

from assets.importing.plan import import_plan
from assets.importing.readers import ImportFileError, file_read, sheets_read
from assets.importing.report import ImportReport
from assets.importing.rows import ImportPlan, Progress
from assets.services import cameras_bulk_write
from core.bulk_build import collector_paused
from core.logs import log_event
from registry.models import Organisation
from registry.services import site_save

logger = logging.getLogger("cctv.import")


def cameras_import(
    *,
    organisation: Organisation,
    file,
    filename: str,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update ``organisation``'s cameras from an .xlsx or .csv file, matching on asset tag.

    Every row is validated before anything is written; if any row has a problem nothing is written and
    the report lists them all. With ``dry_run`` the report says what would happen and nothing is written."""
    with collector_paused():
        report = _import(
            organisation=organisation, file=file, filename=filename, dry_run=dry_run, user=user, progress=progress
        )
    log_event(
        logger,
        "cameras.import",
        user=getattr(user, "username", None),
        organisation=organisation.slug,
        file=filename,
        dry_run=dry_run,
        written=report.written,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        sites_created=report.sites_created,
        problems=len(report.errors),
    )
    return report


def _import(*, organisation: Organisation, file, filename: str, dry_run: bool, user, progress) -> ImportReport:
    report = ImportReport(filename=filename, dry_run=dry_run)
    try:
        content = file_read(file=file, filename=filename)
        plan = import_plan(
            organisation=organisation,
            sheets=sheets_read(content=content, filename=filename),
            report=report,
            progress=progress,
            user=user,
        )
    except ImportFileError as error:
        report.problem(sheet="", row=None, message=str(error))
        return report
    if report.errors or dry_run:
        return report
    try:
        _write(plan=plan, reason=f"Imported from {filename}"[:100], user=user)
    except DatabaseError:
        # A unique asset tag or site name taken by someone else between the checks and the write.
        report.problem(
            sheet="",
            row=None,
            message="The register changed while the file was being imported, so nothing was written: try again.",
        )
        return report
    report.written = True
    return report


@transaction.atomic
def _write(*, plan: ImportPlan, reason: str, user) -> None:
    for site in plan.new_sites:
        site_save(site=site, reason=reason)
    cameras_bulk_write(created=plan.created, updated=plan.updated, reason=reason, user=user)
