"""The change log: every recorded change to the records of the organisations whose changes the user may read
(organisation admins and FOI officers), newest first, with the shared manufacturers' changes.

It lives in foi, the top floor, because it lists cameras, sites and FOI requests alike: only foi sees every model
it lists. Each kind of record is declared where its model lives (``<app>/history.py``); core words the entries."""

from django.db.models import CharField, QuerySet, Value

from core.history import HistoryEntry, entries_in_order
from foi.filtersets import ChangeFilterSet
from foi.history import RECORD_HISTORIES
from registry.policy import Action, organisations_where_user_may


def change_log_organisations(*, user) -> QuerySet:
    return organisations_where_user_may(user=user, action=Action.VIEW_CHANGES)


def changes_for_user(*, user, filterset: ChangeFilterSet, within=None) -> QuerySet:
    """The changes the (valid) ``filterset`` asks for, as ``(history_date, history_id, object_type)`` rows newest
    first: one query for a page of them across every kind of record; ``change_entries`` words a page. ``within``
    (organisation ids) narrows the user's organisations, as a background download's scope does."""
    organisations = change_log_organisations(user=user)
    if within is not None:
        organisations = organisations.filter(pk__in=within)
    organisation_ids = list(organisations.values_list("pk", flat=True))
    chosen = filterset.form.cleaned_data.get("object_type")
    kinds = []
    for key, record_history in RECORD_HISTORIES.items():
        if chosen and key != chosen:
            continue
        rows = filterset.filter_queryset(record_history.rows(organisation_ids=organisation_ids))
        if record_history.organisation is None and not organisation_ids:
            rows = rows.none()  # reference data, but only for someone who may read a change log at all
        kinds.append(
            rows.annotate(object_type=Value(key, CharField())).values_list("history_date", "history_id", "object_type")
        )
    changes = kinds[0].order_by()
    if len(kinds) > 1:
        changes = changes.union(*(kind.order_by() for kind in kinds[1:]), all=True)
    return changes.order_by("-history_date", "-history_id")


def change_entries(page) -> list[HistoryEntry]:
    """A page of ``changes_for_user`` as entries in words."""
    return entries_in_order(page=page, record_histories=RECORD_HISTORIES)
