"""New records and their history rows written with PostgreSQL's COPY: what ``bulk_create_with_history`` writes,
row for row, without Django compiling a 50,000-parameter INSERT per batch. Other databases keep the ORM path.

The records keep their primary keys (taken from the table's own sequence first, so the history rows can name
them), their timestamps and ``_state``, as ``bulk_create`` leaves them."""

import datetime
import io
from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Field, Model
from simple_history.utils import get_change_reason_from_object

BATCH_ROWS = 5000  # rows per COPY statement: the text of one batch is all that is held in memory
# COPY's text format: a backslash, tab, newline and carriage return are written escaped; NULL is \N.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def copy_supported(model: type[Model]) -> bool:
    return connections[router.db_for_write(model)].vendor == "postgresql"


def records_copy_with_history(
    *, records: Sequence[Model], reason: str, user=None, date: datetime.datetime, batch_rows: int = BATCH_ROWS
) -> None:
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
    for record, pk in zip(records, ids, strict=True):
        _as_created(record, pk=pk, date=date, using=using)
    fields = [field for field in model._meta.concrete_fields]
    history_columns = _history_columns(history_model)
    for start in range(0, len(records), batch_rows):
        batch = records[start : start + batch_rows]
        _copy(connection, model, fields, ([record.__dict__[field.attname] for field in fields] for record in batch))
        _copy(
            connection,
            history_model,
            history_columns,
            (_history_values(record, history_model, history_columns, reason, user, date) for record in batch),
        )


def _ids_reserved(connection, model: type[Model], count: int) -> list[int]:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
        )
        return [row[0] for row in cursor.fetchall()]


def _as_created(record: Model, *, pk: int, date: datetime.datetime, using: str) -> None:
    # A related record saved since this one was built (a site the import creates) gives its key, as in bulk_create.
    record._prepare_related_fields_for_save(operation_name="bulk_create")
    record.pk = pk
    for field in record._meta.concrete_fields:
        # auto_now and auto_now_add: what the field's pre_save would set, one instant for the whole write.
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            setattr(record, field.attname, date)
    record._state.adding = False
    record._state.db = using


def _history_columns(history_model: type[Model]) -> list[Field]:
    """The history table's columns but its own key, which the database numbers."""
    return [field for field in history_model._meta.concrete_fields if field.attname != "history_id"]


def _history_values(record: Model, history_model, columns: list[Field], reason: str, user, date) -> list:
    # As simple_history's bulk_history_create: the record's own user and reason, else the defaults.
    history_user = getattr(record, "_history_user", user or history_model.get_default_history_user(record))
    own = {
        "history_date": getattr(record, "_history_date", date),
        "history_change_reason": get_change_reason_from_object(record) or reason,
        "history_type": "+",
        "history_user_id": getattr(history_user, "pk", history_user),
    }
    return [own[field.attname] if field.attname in own else record.__dict__[field.attname] for field in columns]


def _copy(connection, model: type[Model], fields: list[Field], rows) -> None:
    text = io.StringIO()
    for values in rows:
        text.write("\t".join(_text(value, field, connection) for field, value in zip(fields, values, strict=True)))
        text.write("\n")
    text.seek(0)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN", text)


def _text(value, field: Field, connection, prepared: bool = False) -> str:
    """A value as COPY's text format writes it. Plain Python values are written as they are (a validated record
    holds them); anything else is first prepared by its field, as an INSERT would."""
    if value is None:
        return NULL
    if value is True or value is False:
        return "t" if value else "f"
    value_type = type(value)
    if value_type is str:
        return value.translate(_ESCAPES)
    if value_type is int or value_type is datetime.date or value_type is datetime.datetime:
        return value.isoformat() if value_type is not int else str(value)
    if prepared:
        return str(value).translate(_ESCAPES)
    return _text(field.get_db_prep_save(value, connection), field, connection, prepared=True)
