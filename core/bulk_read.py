"""Many records read at once (an import compares a file with every camera an organisation has) without Django
setting each field of each record through its descriptor: the values go straight into the record, as ``from_db``
would leave them. A field whose descriptor does more than store the value is still set through it."""

from collections.abc import Iterator

from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

CHUNK_ROWS = 5000


def records_read(queryset: QuerySet) -> Iterator[Model]:
    """The records of ``queryset`` (all their fields, nothing deferred), as its ``iterator()`` gives them."""
    model = queryset.model
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        yield from queryset.iterator(chunk_size=CHUNK_ROWS)  # a listener must see every record made
        return
    fields = model._meta.concrete_fields
    attnames = [field.attname for field in fields]
    # A plain attribute, or a key whose cached record a new instance cannot have yet, is just stored.
    stored = [type(vars(model).get(name)) in (DeferredAttribute, ForeignKeyDeferredAttribute) for name in attnames]
    set_through = [name for name, plain in zip(attnames, stored, strict=True) if not plain]
    database = queryset.db
    for row in queryset.values_list(*attnames).iterator(chunk_size=CHUNK_ROWS):
        record = model.__new__(model)
        record.__dict__.update(zip(attnames, row, strict=True))
        state = record._state = ModelState()
        state.adding = False
        state.db = database
        for name in set_through:
            setattr(record, name, record.__dict__[name])
        yield record
