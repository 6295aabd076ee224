"""New records built in bulk (an import builds 100,000 cameras) without the model's constructor: the values of a
record made by ``Model()`` are copied, and the given fields set on each copy as the constructor sets them."""

import contextlib
import functools
import gc
from collections.abc import Iterator

from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


def record_new(model: type[Model], /, **fields) -> Model:
    """``model(**fields)``, given field names: the same values, state and cache of related records. A model whose
    records need the constructor (an init signal, a default worked out per record, its own ``__init__``) gets it."""
    blank = _blank_values(model)
    if blank is None or not fields.keys() <= _field_names(model) or _init_signalled(model):
        return model(**fields)
    record = model.__new__(model)
    record.__dict__.update(blank)  # in the constructor's order, so records share one layout of their attributes
    record._state = ModelState()
    for name, value in fields.items():
        setattr(record, name, value)  # through the field's descriptor, as the constructor sets it
    return record


def _init_signalled(model: type[Model]) -> bool:
    if not (pre_init.receivers or post_init.receivers):
        return False  # no one listens to any model: known without asking for this one
    return pre_init.has_listeners(model) or post_init.has_listeners(model)


@functools.cache
def _blank_values(model: type[Model]) -> dict | None:
    """The field values ``model()`` gives, or None when a copy of them would not be what the constructor gives."""
    if model.__init__ is not Model.__init__ or any(
        field.has_default() and callable(field.default) for field in model._meta.concrete_fields
    ):
        return None
    return model().__dict__.copy()


@functools.cache
def _field_names(model: type[Model]) -> frozenset[str]:
    return frozenset(field.name for field in model._meta.concrete_fields)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a bulk operation builds records it keeps (an import's 100,000 cameras):
    each collection would walk every one of them again, a sixth of the import's time. They make no cycles; any
    that something else makes meanwhile is collected once the collector is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
