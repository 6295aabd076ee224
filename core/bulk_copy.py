"""New records and their history rows written with PostgreSQL's COPY: what ``bulk_create_with_history`` writes,
row for row, without Django compiling a 50,000-parameter INSERT per batch. Other databases keep the ORM path.
When every record takes the default history user, reason and date, the database makes the history rows from the
rows just written (one INSERT ... SELECT) instead of being sent them.

The records keep their primary keys (taken from the table's own sequence first, so the history rows can name
them), their timestamps and ``_state``, as ``bulk_create`` leaves them."""

import csv
import datetime
import io
import operator
from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Field, Model
from simple_history.utils import get_change_reason_from_object

CHUNK_CHARACTERS = 256 * 1024  # the text is made as COPY reads it: the database inserts while the next chunk is made
# Columns whose values a validated record holds as plain Python values (str, int, bool, date, datetime) that
# PostgreSQL reads as written; any other field's values are first prepared by the field, as an INSERT would.
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)


TIME_TYPES = frozenset({"DateField", "DateTimeField"})
MOST_DATE_TEXTS = 20_000


class _Null:
    """Written bare and empty by a QUOTE_NONNUMERIC csv writer (it passes for a number), which COPY's CSV format
    reads as NULL; every string is quoted, so an empty string stays one."""

    __slots__ = ()

    def __float__(self) -> float:
        return 0.0

    def __str__(self) -> str:
        return ""


NULL = _Null()


def copy_supported(model: type[Model]) -> bool:
    return connections[router.db_for_write(model)].vendor == "postgresql"


def records_copy_with_history(*, records: Sequence[Model], reason: str, user=None, date: datetime.datetime) -> None:
    """Insert ``records`` (all of one model, unsaved) and a "created" history row for each, with ``user``,
    ``reason`` and ``date`` as ``bulk_create_with_history``'s defaults. Call inside a transaction: a failure
    raises Django's ``DatabaseError`` and the caller's rollback leaves nothing."""
    if not records:
        return
    model = type(records[0])
    history_model = model.history.model
    using = router.db_for_write(model)
    connection = connections[using]
    ids = _ids_reserved(connection, model, len(records))
    # auto_now and auto_now_add: what the fields' pre_save would set, one instant for the whole write.
    stamped = [
        field.attname
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    relations = _relations(model)
    for record, pk in zip(records, ids, strict=True):
        _as_created(record, pk=pk, stamped=stamped, date=date, using=using, relations=relations)
    fields = list(model._meta.concrete_fields)
    values_of = operator.itemgetter(*(field.attname for field in fields))
    history_columns = _history_columns(history_model)
    _copy(connection, model, fields, (list(values_of(record.__dict__)) for record in records))
    default_user = user or history_model.get_default_history_user(records[0])
    if not _history_selected(connection, records, ids, history_model, history_columns, default_user, reason, date):
        _copy(
            connection,
            history_model,
            history_columns,
            _history_rows(records, history_model, history_columns, reason, user, date),
        )


def _ids_reserved(connection, model: type[Model], count: int) -> list[int]:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
        )
        return [row[0] for row in cursor.fetchall()]


def _as_created(
    record: Model, *, pk: int, stamped: list[str], date: datetime.datetime, using: str, relations: list | None
) -> None:
    # A related record saved since this one was built (a site the import creates) gives its key, as in bulk_create.
    if relations is None or not _relations_settled(record, relations):
        record._prepare_related_fields_for_save(operation_name="bulk_create")
    record.pk = pk
    for attname in stamped:
        record.__dict__[attname] = date
    record._state.adding = False
    record._state.db = using


def _relations(model: type[Model]) -> list[tuple] | None:
    """(name, attname, its empty values, the related record's key attname and primary key attname) of each foreign
    key, for telling that ``_prepare_related_fields_for_save`` has nothing to do; None when it checks more."""
    relations = [field for field in model._meta.concrete_fields if field.is_relation]
    if model._meta.private_fields or any(field.related_model._meta.pk.column is None for field in relations):
        return None
    return [
        (
            field.name,
            field.attname,
            field.empty_values,
            field.target_field.attname,
            field.related_model._meta.pk.attname,
        )
        for field in relations
    ]


def _relations_settled(record: Model, relations: list[tuple]) -> bool:
    """Whether every related record cached on ``record`` is saved and ``record`` holds its key already."""
    values, cache = record.__dict__, record._state.fields_cache
    for name, attname, empty_values, target_attname, related_pk in relations:
        related = cache.get(name)
        if related is None:
            continue
        if related.__dict__.get(related_pk) is None or attname not in values or values[attname] in empty_values:
            return False
        if target_attname not in related.__dict__ or related.__dict__[target_attname] != values[attname]:
            return False
    return True


def _history_columns(history_model: type[Model]) -> list[Field]:
    """The history table's columns but its own key, which the database numbers."""
    return [field for field in history_model._meta.concrete_fields if field.attname != "history_id"]


# A record's own history user, reason and date, which simple_history takes over the defaults when set.
OWN_HISTORY_ATTRIBUTES = ("_history_user", "_change_reason", "_history_date")


def _history_selected(connection, records, ids, history_model, columns, default_user, reason, date) -> bool:
    """When no record has its own history user, reason or date, the history rows made by the database from the rows
    just written: the same values, not made and sent a second time. False, with nothing done, otherwise."""
    model = type(records[0])
    if any(hasattr(model, name) for name in OWN_HISTORY_ATTRIBUTES) or any(
        "_history_user" in held or "_change_reason" in held or "_history_date" in held
        for held in (record.__dict__ for record in records)
    ):
        return False
    own = _history_own(records[0], default_user, reason, date, own=False)
    copied = [field for field in columns if field.attname not in own]
    given = [field for field in columns if field.attname in own]
    if not {field.column for field in copied} <= {field.column for field in model._meta.concrete_fields}:
        return False
    quote = connection.ops.quote_name
    key = quote(model._meta.pk.column)
    names = ", ".join(quote(field.column) for field in copied)
    sql = (
        f"INSERT INTO {quote(history_model._meta.db_table)} ({names}, {', '.join(quote(f.column) for f in given)}) "
        f"SELECT {names}, {', '.join(['%s'] * len(given))} FROM {quote(model._meta.db_table)} "
        f"WHERE {key} = ANY(%s) ORDER BY {key}"
    )
    values = [field.get_db_prep_save(own[field.attname], connection) for field in given]
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.execute(sql, [*values, ids])
    return True


def _history_rows(records: Sequence[Model], history_model, columns: list[Field], reason: str, user, date):
    """Each record's history row, as simple_history's ``bulk_history_create`` makes it: the record's own user and
    reason if it has them, else the defaults; the request's user (if any) when no user is given."""
    default_user = user or history_model.get_default_history_user(records[0])
    defaults = _history_own(records[0], default_user, reason, date, own=False)
    attnames = [field.attname for field in columns]
    # The record's values in the history's column order, then the history's own values put in their places.
    values_of = operator.itemgetter(*(attname for attname in attnames if attname not in defaults))
    own_places = [(index, attname) for index, attname in enumerate(attnames) if attname in defaults]
    anyone_own = any(hasattr(type(records[0]), name) for name in OWN_HISTORY_ATTRIBUTES)
    for record in records:
        held = record.__dict__
        own = defaults
        if anyone_own or "_history_user" in held or "_change_reason" in held or "_history_date" in held:
            own = _history_own(record, default_user, reason, date, own=True)
        values = list(values_of(held))
        for index, attname in own_places:
            values.insert(index, own[attname])
        yield values


def _history_own(record: Model, default_user, reason: str, date: datetime.datetime, *, own: bool) -> dict:
    """The history's own values for ``record``: its own user, reason and date if ``own`` and it has them."""
    history_user = getattr(record, "_history_user", default_user) if own else default_user
    return {
        "history_date": getattr(record, "_history_date", date) if own else date,
        "history_change_reason": (get_change_reason_from_object(record) if own else None) or reason,
        "history_type": "+",
        "history_user_id": getattr(history_user, "pk", history_user),
    }


def _copy(connection, model: type[Model], fields: list[Field], rows) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.copy_expert(sql, _CsvStream(rows, fields, connection), size=CHUNK_CHARACTERS)


class _CsvStream:
    """The rows as CSV, read by COPY a chunk at a time: only one chunk of text is ever held in memory."""

    def __init__(self, rows, fields: list[Field], connection) -> None:
        self.rows = iter(rows)
        self.fields = fields
        self.connection = connection
        self.prepared = [index for index, field in enumerate(fields) if column_type(field) not in PLAIN_TYPES]
        self.times = [index for index, field in enumerate(fields) if column_type(field) in TIME_TYPES]
        self.date_texts: dict[datetime.date, str] = {}
        self.last_time, self.last_time_text = None, ""
        self.text = io.StringIO()
        self.writer = csv.writer(self.text, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")

    def read(self, size: int = CHUNK_CHARACTERS) -> str:
        text, writer, fields, prepared, times = self.text, self.writer, self.fields, self.prepared, self.times
        for values in self.rows:
            for index in prepared:
                values[index] = fields[index].get_db_prep_save(values[index], self.connection)
            for index in times:
                if values[index] is not None:
                    values[index] = self._time_text(values[index])
            writer.writerow([NULL if value is None else value for value in values])
            if text.tell() >= size:
                break
        chunk = text.getvalue()
        text.seek(0)
        text.truncate()
        return chunk

    def _time_text(self, value) -> str:
        """``str(value)``, the text the writer gives a date or time, kept for the next of the same: a write's
        timestamps are one instant, and dates repeat. (The writer takes several times longer with the date.)"""
        if value is self.last_time:
            return self.last_time_text
        if type(value) is not datetime.date:
            self.last_time, self.last_time_text = value, str(value)
            return self.last_time_text
        found = self.date_texts.get(value)
        if found is None:
            found = str(value)
            if len(self.date_texts) < MOST_DATE_TEXTS:
                self.date_texts[value] = found
        return found


def column_type(field: Field) -> str:
    """The field's type, or for a foreign key the type of the key it holds."""
    return (field.target_field if field.is_relation else field).get_internal_type()
