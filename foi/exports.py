"""The change log's download, built from a user and a query string alone: streamed in its request when small,
written by a worker when large (``assets/services/exports.py`` runs it by this module's dotted name, as assets may
not import foi)."""

import datetime
import itertools
from collections.abc import Iterator

from django.http import QueryDict
from django.utils import timezone

from assets.downloads import printed
from core.filtersets import FilterError, filter_errors
from core.spreadsheets import Column, Download, Sheet
from foi.changelog import change_entries, change_log_organisations, changes_for_user
from foi.filtersets import ChangeFilterSet
from foi.history import RECORD_HISTORIES

CHANGE_LOG_DOWNLOAD = "foi.exports.change_log_download"


def change_log_filterset(*, query: QueryDict, request=None, other_parameters=()) -> ChangeFilterSet:
    return ChangeFilterSet(
        query,
        queryset=RECORD_HISTORIES["camera"].history_model.objects.none(),
        request=request,
        other_parameters=other_parameters,
    )


def change_rows(changes) -> Iterator[dict]:
    """One spreadsheet row per field changed (one for an entry that names none), read a thousand entries at a time;
    the first row of each entry is marked, so a background download counts entries as ``changes.count()`` does."""
    for start in itertools.count(0, 1000):
        entries = change_entries(changes[start : start + 1000])
        if not entries:
            return
        for entry in entries:
            for index, change in enumerate(entry.changes or [None]):
                yield {"entry": entry, "change": change, "first": index == 0}


CHANGE_COLUMNS = [
    Column("When", lambda row: timezone.localtime(row["entry"].at).replace(tzinfo=None), width=17),
    Column("User", lambda row: row["entry"].user),
    Column("Organisation", lambda row: row["entry"].organisation_name),
    Column("Record type", lambda row: row["entry"].noun),
    Column("Record id", lambda row: row["entry"].object_id),
    Column("Record", lambda row: row["entry"].object_label),
    Column("Action", lambda row: row["entry"].action_words),
    Column("Field", lambda row: row["change"].field if row["change"] else ""),
    Column("Old value", lambda row: row["change"].old if row["change"] else ""),
    Column("New value", lambda row: row["change"].new if row["change"] else ""),
    Column("Reason", lambda row: row["entry"].reason),
]


def change_log_download(*, user, query: QueryDict, format: str, today: datetime.date, organisation_ids=None):
    """The change log with the page's filters, every page. Raises ``FilterError`` for bad filters."""
    filterset = change_log_filterset(query=query)
    errors = filter_errors(filterset)
    if errors:
        raise FilterError(errors)
    changes = changes_for_user(user=user, filterset=filterset, within=organisation_ids)

    def scope() -> list[int]:
        organisations = change_log_organisations(user=user)
        if organisation_ids is not None:
            organisations = organisations.filter(pk__in=organisation_ids)
        return list(organisations.values_list("pk", flat=True))

    download = Download(
        filename=f"changes-{today.isoformat()}.{format}",
        rows_count=changes.count,
        scope=scope,
        counted=lambda row: row["first"],
    )
    rows = change_rows(changes)
    if format == "csv":
        download.columns, download.rows = CHANGE_COLUMNS, rows
    else:
        download.sheets = [Sheet("Changes", CHANGE_COLUMNS, rows)]
        download.printed = printed(user=user, document="Change log", today=today)
    return download
