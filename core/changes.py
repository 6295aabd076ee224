"""What a save changed: every update service returns a ``Saved``, whose ``changed`` the one comparison
``fields_changed`` finds; ``record_update`` is the set-validate-save body most update services share."""

import copy
import dataclasses
import functools
from collections.abc import Iterable
from typing import Generic, TypeVar

from django.db.models import Model

RecordT = TypeVar("RecordT", bound=Model)


@dataclasses.dataclass(frozen=True)
class Saved(Generic[RecordT]):
    """An update service's answer: the saved record, and the names of the fields whose stored value changed, in
    the model's order (derived fields included; empty when the save changed nothing)."""

    record: RecordT
    changed: tuple[str, ...] = ()


def written_fields(model: type[Model]) -> tuple[str, ...]:
    """The fields a save can change, in the model's order: not the key, nor a timestamp the save sets itself."""
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False) and not getattr(field, "auto_now_add", False)
    )


def fields_changed(*, before: Model, after: Model, names: Iterable[str]) -> tuple[str, ...]:
    """The ``names`` whose stored value differs between two states of one record (a copy taken before the save)."""
    held_before, held_after = before.__dict__, after.__dict__
    return tuple(
        name
        for name, attname in _attnames(type(before), tuple(names))
        if (held_before[attname] if attname in held_before else _stored(before, name))
        != (held_after[attname] if attname in held_after else _stored(after, name))
    )


@functools.cache
def _attnames(model: type[Model], names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name, model._meta.get_field(name).attname) for name in names)


def differs_from_stored(*, record: Model, name: str, value) -> bool:
    """Whether ``value`` given for field ``name`` differs from what ``record`` stores; a related record by its key."""
    field = record._meta.get_field(name)
    if field.is_relation:
        return getattr(record, field.attname) != getattr(value, "pk", value)
    return getattr(record, name) != value


def with_reason(record: Model, reason: str) -> None:
    """Have the next save of ``record`` keep ``reason`` in its history (django-simple-history's change reason)."""
    if reason and reason.strip():
        record._change_reason = reason.strip()


def _stored(record: Model, name: str):
    attname = record._meta.get_field(name).attname
    # The value as held, not through the field's getter (a country field's builds a translated object each read).
    return record.__dict__[attname] if attname in record.__dict__ else getattr(record, attname)


def record_update(*, record: RecordT, changes: dict, reason: str = "") -> Saved[RecordT]:
    """Set ``changes`` on ``record``, validate it (``full_clean``) and save it, with ``reason`` in its history: the
    body of an update service, whose own rules (which fields a caller may give, what to derive again) come before
    or after."""
    before = copy.copy(record)
    for name, value in changes.items():
        setattr(record, name, value)
    record.full_clean()
    with_reason(record, reason)
    record.save()
    return Saved(record, fields_changed(before=before, after=record, names=written_fields(type(record))))
