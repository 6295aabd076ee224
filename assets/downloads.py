"""The camera list's and the replacement plan's downloads, built from a user and a query string alone: the same
function streams a small download in its request and writes a large one on a worker (``assets/services/exports.py``),
so both give the same file.

``organisation_ids`` (a background job's scope when it was asked for) narrows the user's organisations as they are
now: a job never reads wider than its user could when they asked, nor than they can today."""

import datetime

from django.http import QueryDict

from assets.exports import CAMERA_LIST_COLUMNS, replacement_by_year_sheet, replacement_plan_columns
from assets.filtersets import CameraFilterSet
from assets.replacement import replacement_plan_cameras, replacement_plan_summary
from assets.selectors import cameras_for_listing, cameras_for_user
from core.filtersets import FilterError, filter_errors
from core.printing import Printed, dated
from core.spreadsheets import Download, Sheet
from registry.selectors import organisation_names_for_user, organisations_for_user


def camera_filter_data(query: QueryDict) -> QueryDict:
    """The list's query string as the FilterSet reads it: ticked status boxes become one comma-separated value."""
    data = query.copy()
    statuses = [value for value in query.getlist("status") if value]
    if len(statuses) > 1:
        data.setlist("status", [",".join(statuses)])
    if data.get("origin_country"):
        data["origin_country"] = data["origin_country"].strip().upper()  # so the select shows the country chosen
    return data


def camera_filterset(*, user, query: QueryDict, organisation_ids=None, request=None, other_parameters=()):
    """The camera list's FilterSet on the cameras ``user`` may see (within ``organisation_ids`` if given)."""
    cameras = cameras_for_user(user=user)
    organisations = organisations_for_user(user=user)
    if organisation_ids is not None:
        organisations = organisations.filter(pk__in=organisation_ids)
        cameras = cameras.filter(organisation__in=organisations)
    return CameraFilterSet(
        camera_filter_data(query),
        queryset=cameras,
        request=request,
        organisations=organisations,
        other_parameters=other_parameters,
    )


def cameras_in_list_order(filterset: CameraFilterSet):
    """The filtered cameras as the list shows them, with a unique last key, so a page never repeats or skips a
    camera that shares a sort value."""
    cameras = filterset.qs
    return cameras_for_listing(cameras=cameras).order_by(*(cameras.query.order_by or ["asset_tag"]), "pk")


def _filtered(*, user, query, organisation_ids):
    filterset = camera_filterset(user=user, query=query, organisation_ids=organisation_ids)
    errors = filter_errors(filterset)
    if errors:
        raise FilterError(errors)
    return cameras_in_list_order(filterset)


def _scope(*, user, organisation_ids):
    def scope() -> list[int]:
        organisations = organisations_for_user(user=user)
        if organisation_ids is not None:
            organisations = organisations.filter(pk__in=organisation_ids)
        return list(organisations.values_list("pk", flat=True))

    return scope


def printed(*, user, document: str, today: datetime.date) -> Printed:
    """A download's footer: the user's councils, and the document dated the day it was asked for."""
    return Printed(council=organisation_names_for_user(user=user), document=dated(document, today))


def camera_list_download(*, user, query: QueryDict, format: str, today: datetime.date, organisation_ids=None):
    """The camera list as shown (same filters and order), every page. Raises ``FilterError`` for bad filters."""
    cameras = _filtered(user=user, query=query, organisation_ids=organisation_ids)
    download = Download(
        filename=f"cameras-{today.isoformat()}.{format}",
        rows_count=cameras.count,
        scope=_scope(user=user, organisation_ids=organisation_ids),
    )
    rows = cameras.iterator(chunk_size=2000)
    if format == "csv":
        download.columns, download.rows = CAMERA_LIST_COLUMNS, rows
    else:
        download.sheets = [Sheet("Cameras", CAMERA_LIST_COLUMNS, rows)]
        download.printed = printed(user=user, document="Camera list", today=today)
    return download


def replacement_plan_download(*, user, query: QueryDict, format: str, today: datetime.date, organisation_ids=None):
    """The whole plan (every page), in the page's order; the .xlsx adds the by-year table."""
    filtered = _filtered(user=user, query=query, organisation_ids=organisation_ids)
    plan = replacement_plan_cameras(cameras=filtered)
    download = Download(
        filename=f"replacement-plan-{today.isoformat()}.{format}",
        rows_count=plan.count,
        scope=_scope(user=user, organisation_ids=organisation_ids),
    )
    columns, rows = replacement_plan_columns(today=today), plan.iterator(chunk_size=2000)
    if format == "csv":
        download.columns, download.rows = columns, rows
    else:
        download.sheets = [
            Sheet("Replacement plan", columns, rows),
            replacement_by_year_sheet(summary=replacement_plan_summary(cameras=filtered, today=today)),
        ]
        download.printed = printed(user=user, document="Replacement plan", today=today)
    return download
