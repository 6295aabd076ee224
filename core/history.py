"""The history of a record, in words: django-simple-history's rows read as entries (who, when, created, changed or
deleted, why) with each changed field's old and new value as a person reads it: labels, the names of related
records, dates the UK way, Yes/No.

Each app declares a ``RecordHistory`` for the models whose history it shows (``registry/history.py``,
``assets/history.py``, ``foi/history.py``); this module knows no app. A page of entries costs a fixed number of
queries, whatever its length: the rows (with the id of each one's previous row), the previous rows, one query per
related model named in them."""

import dataclasses
import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.db.models import CharField, Expression, F, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.formats import date_format

from core.changes import written_fields

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
ACTION_WORDS = {"created": "Created", "changed": "Changed", "deleted": "Deleted"}


@dataclasses.dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    object_type: str
    object_id: int
    object_label: str
    organisation: str  # the organisation's slug; empty for shared reference data (manufacturers)
    organisation_name: str
    action: str
    user: str  # the username; empty for a change made by a script or the system
    at: datetime.datetime
    reason: str
    changes: list[FieldChange]
    noun: str = ""

    @property
    def action_words(self) -> str:
        return ACTION_WORDS[self.action]


@dataclasses.dataclass(frozen=True)
class RecordHistory:
    """Where the history of one model is read: ``key`` (the API's ``object_type``), its ``noun`` in words, the path
    from a history row to its organisation's id (None: shared by every organisation), and optionally an expression
    labelling a row (default: the record's own ``str`` as it was).

    ``organisation`` is the path from a history row to its organisation ("organisation", "request__organisation"),
    "" when the record is an organisation, None when every organisation shares it."""

    key: str
    noun: str
    model: type[Model]
    organisation: str | None
    label: Callable[[], Expression] | None = None
    # Fields whose values no history shows, to anyone: that they changed is said, what they hold is not.
    personal_fields: frozenset[str] = frozenset()

    @property
    def history_model(self) -> type[Model]:
        return self.model.history.model

    def rows(self, *, organisation_ids) -> QuerySet:
        """The history rows of the records in ``organisation_ids`` (a list or a queryset of ids)."""
        rows = self.history_model.objects.all()
        if self.organisation is not None:
            rows = rows.filter(**{f"{self.organisation}_id__in" if self.organisation else "id__in": organisation_ids})
        return rows

    def annotated(self, rows: QuerySet) -> QuerySet:
        """``rows`` with what an entry shows besides the row's own fields: organisation, label, previous row."""
        history_model = self.history_model
        earlier = history_model.objects.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        annotations = {
            "previous_history_id": Subquery(earlier.order_by("-history_date", "-history_id").values("history_id")[:1])
        }
        if self.organisation is None:
            annotations |= {"organisation_slug": Value("", CharField()), "organisation_name": Value("", CharField())}
        else:
            prefix = f"{self.organisation}__" if self.organisation else ""
            annotations |= {"organisation_slug": F(f"{prefix}slug"), "organisation_name": F(f"{prefix}name")}
        if self.label is not None:
            annotations["object_label"] = self.label()
        return rows.annotate(**annotations).select_related("history_user")


def newest_first(rows: QuerySet) -> QuerySet:
    return rows.order_by("-history_date", "-history_id")


def history_entries(*, record_history: RecordHistory, rows: Sequence[Model]) -> list[HistoryEntry]:
    """``rows`` (from ``record_history.annotated``) as entries, in the same order."""
    rows = list(rows)
    if not rows:
        return []
    history_model = record_history.history_model
    previous_ids = [row.previous_history_id for row in rows if row.previous_history_id]
    previous = {row.history_id: row for row in history_model.objects.filter(history_id__in=previous_ids)}
    fields = [record_history.model._meta.get_field(name) for name in written_fields(record_history.model)]
    names = _related_names(fields, [*rows, *previous.values()])
    entries = []
    for row in rows:
        action = ACTIONS[row.history_type]
        before = previous.get(row.previous_history_id)
        entries.append(
            HistoryEntry(
                object_type=record_history.key,
                object_id=row.id,
                object_label=getattr(row, "object_label", None) or str(row.instance),
                organisation=row.organisation_slug or "",
                organisation_name=row.organisation_name or "",
                action=action,
                user=row.history_user.get_username() if row.history_user else "",
                at=row.history_date,
                reason=row.history_change_reason or "",
                changes=_withheld(_changes(action, fields, before, row, names), record_history, fields),
                noun=record_history.noun,
            )
        )
    return entries


def _changes(action: str, fields, before, after, names) -> list[FieldChange]:
    if action == "deleted":
        return []
    changes = []
    for field in fields:
        new = _value(after, field)
        if action == "created":
            if new in (None, "", [], {}):
                continue
            changes.append(FieldChange(_label(field), "", in_words(field, new, names)))
        elif before is not None and _value(before, field) != new:
            old = _value(before, field)
            changes.append(FieldChange(_label(field), in_words(field, old, names), in_words(field, new, names)))
    return changes


WITHHELD_PERSONAL_DATA = "Withheld: personal data"


def _withheld(changes: list[FieldChange], record_history: RecordHistory, fields) -> list[FieldChange]:
    personal = {_label(field) for field in fields if field.name in record_history.personal_fields}
    if not personal:
        return changes
    return [
        FieldChange(change.field, change.old and WITHHELD_PERSONAL_DATA, change.new and WITHHELD_PERSONAL_DATA)
        if change.field in personal
        else change
        for change in changes
    ]


def _value(row, field):
    return getattr(row, field.attname)


def _label(field) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def _related_names(fields, rows) -> dict[tuple[type[Model], object], str]:
    """The name of each related record the rows point at, one query per related model; a deleted one by its id."""
    wanted: dict[type[Model], set] = defaultdict(set)
    for field in fields:
        if field.is_relation:
            wanted[field.related_model].update(_value(row, field) for row in rows if _value(row, field) is not None)
    names = {}
    for model, keys in wanted.items():
        for record in model._default_manager.filter(pk__in=keys):
            names[(model, record.pk)] = str(record)
    return names


def in_words(field, value, names: dict | None = None) -> str:
    """A stored value as a person reads it; empty for no value."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        return (names or {}).get((field.related_model, value), f"Deleted record {value}")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value)


def entries_in_order(*, page: Iterable[tuple], record_histories: dict[str, RecordHistory]) -> list[HistoryEntry]:
    """The entries of a page of ``(history_date, history_id, object_type)`` from several models, in its order:
    one batch of queries per model on the page."""
    page = list(page)
    by_type: dict[str, list[int]] = defaultdict(list)
    for _at, history_id, key in page:
        by_type[key].append(history_id)
    found = {}
    for key, history_ids in by_type.items():
        record_history = record_histories[key]
        rows = record_history.annotated(record_history.history_model.objects.filter(history_id__in=history_ids))
        for row, entry in zip(rows, history_entries(record_history=record_history, rows=rows), strict=True):
            found[(key, row.history_id)] = entry
    return [found[(key, history_id)] for _at, history_id, key in page]
