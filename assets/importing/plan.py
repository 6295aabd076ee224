"""Every row checked before anything is written: parsed, looked up, built and validated like the edit form."""

from assets.exports import REPLACEMENT_BY_YEAR_TITLE
from assets.importing.camera_rows import plan_cameras
from assets.importing.lookups import CategoryIndex, SiteIndex
from assets.importing.problems import FILE_PROBLEMS_TITLE
from assets.importing.readers import ImportFileError, Sheet
from assets.importing.report import ImportReport
from assets.importing.rows import ImportPlan, Progress
from assets.importing.site_rows import plan_sites
from assets.importing.values import squash
from registry.models import Organisation

CAMERA_SHEET_NAMES = {"cameras", "camera", "cctv", "cctvcameras", "register", "cameraregister"}
SITES_SHEET_NAME = "sites"
# The sheets the register's own downloads add beside the cameras: passed over without a warning.
DOWNLOADS_OTHER_SHEETS = {REPLACEMENT_BY_YEAR_TITLE, FILE_PROBLEMS_TITLE}


def import_plan(
    *,
    organisation: Organisation,
    sheets: list[Sheet],
    report: ImportReport,
    progress: Progress | None = None,
    user=None,
) -> ImportPlan:
    """Check every row of the file, recording each problem in ``report``; the plan is what would be written.
    ``user`` is who imports: an override of the procurement policy in the file counts only from an admin."""
    camera_sheet, sites_sheet = _choose_sheets(sheets, report)
    plan = ImportPlan()
    sites = SiteIndex(organisation=organisation)
    categories = CategoryIndex()
    if sites_sheet is not None:
        plan_sites(sheet=sites_sheet, sites=sites, categories=categories, plan=plan, report=report)
    plan_cameras(
        sheet=camera_sheet,
        sites=sites,
        categories=categories,
        plan=plan,
        report=report,
        progress=progress,
        override_by=user,
    )
    report.sites_created = len(plan.new_sites)
    report.new_sites = [site.name for site in plan.new_sites]
    return plan


def _choose_sheets(sheets: list[Sheet], report: ImportReport) -> tuple[Sheet, Sheet | None]:
    sites_sheet = next((sheet for sheet in sheets if squash(sheet.name) == SITES_SHEET_NAME), None)
    others = [sheet for sheet in sheets if sheet is not sites_sheet]
    camera_sheet = next((sheet for sheet in others if squash(sheet.name) in CAMERA_SHEET_NAMES), None)
    camera_sheet = camera_sheet or (others[0] if others else None)
    if camera_sheet is None:
        raise ImportFileError('The workbook has no sheet of cameras, only one named "Sites".')
    for sheet in others:
        if sheet is not camera_sheet and sheet.name not in DOWNLOADS_OTHER_SHEETS:
            report.warnings.append(f'Sheet "{sheet.name}" was not read: only the cameras sheet and "Sites" are.')
    return camera_sheet, sites_sheet
