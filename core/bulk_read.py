"""Many records read at once (an import compares a file with every camera an organisation has), kept small: each
record as a tuple of its values, a value repeated across records (a status, a date, a site's key) held once
(``records_values``). A record is built from them only when it is needed (``record_from_values``), without Django
setting each field through its descriptor: the values go straight into the record, as ``from_db`` would leave them.
A field whose descriptor does more than store the value is still set through it."""

import functools
import itertools
from collections.abc import Iterator

from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

from core.bulk_copy import column_type

CHUNK_ROWS = 5000
# Columns of text, whole numbers and dates, whose equal values are the same value: a value repeated across records
# is kept once. A column with more different values than this is mostly its own (asset tags), and is kept as read.
SHARED_TYPES = frozenset(
    {"AutoField", "BigAutoField", "BigIntegerField", "CharField", "DateField", "IntegerField", "TextField"}
)
MOST_SHARED = 20_000


def records_values(queryset: QuerySet) -> Iterator[tuple]:
    """The values of each record of ``queryset``, in the order of its model's concrete fields."""
    fields = queryset.model._meta.concrete_fields
    rows = queryset.values_list(*(field.attname for field in fields)).iterator(chunk_size=CHUNK_ROWS)
    kept: list[dict | None] = [{} if column_type(field) in SHARED_TYPES else None for field in fields]
    # Column by column, so that sharing values is done by dict.setdefault alone.
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        columns = list(zip(*chunk, strict=True))
        for index, column in enumerate(columns):
            if kept[index] is not None:
                columns[index] = list(map(kept[index].setdefault, column, column))
                if len(kept[index]) > MOST_SHARED:
                    kept[index] = None
        yield from zip(*columns, strict=True)


def record_from_values(model: type[Model], values: tuple, *, db: str) -> Model:
    """The record ``from_db`` makes of ``values`` (as ``records_values`` gives them)."""
    if _init_signalled(model):
        return model.from_db(db, None, values)
    attnames, set_through = _attnames(model)
    record = model.__new__(model)
    state = record._state = ModelState()  # first, as the constructor sets it: records share one layout
    state.adding = False
    state.db = db
    record.__dict__.update(zip(attnames, values, strict=True))
    for name in set_through:
        setattr(record, name, record.__dict__[name])
    return record


def _init_signalled(model: type[Model]) -> bool:
    if not (pre_init.receivers or post_init.receivers):
        return False  # no one listens to any model: known without asking for this one
    return pre_init.has_listeners(model) or post_init.has_listeners(model)


@functools.cache
def _attnames(model: type[Model]) -> tuple[list[str], list[str]]:
    """The model's concrete fields' attnames, and those whose descriptor must set them."""
    attnames = [field.attname for field in model._meta.concrete_fields]
    # A plain attribute, or a key whose cached record a new instance cannot have yet, is just stored.
    plain = (DeferredAttribute, ForeignKeyDeferredAttribute)
    return attnames, [name for name in attnames if type(vars(model).get(name)) not in plain]
