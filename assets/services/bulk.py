"""Validating and writing many cameras at once (an import), under the same rules as one at a time."""

import datetime
import operator
from collections.abc import Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.db.models import CheckConstraint, Q, UniqueConstraint
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assets.models import Camera
from core.bulk_copy import copy_supported, records_copy_with_history
from core.constraints import NotUnderstood, condition_compiled
from core.validation import fields_plainly_valid
from registry.services import register_changed


def camera_validate(*, camera: Camera, answers: dict | None = None, asset_tags_checked: bool = False) -> None:
    """``camera.full_clean()``, fit for validating thousands of cameras before a bulk write.

    The rules are the model's own; only repeated questions are saved. A related row already loaded from
    the database is not looked up again; a field with choices is checked once per value, and the other fields'
    clean runs only when their values' types and sizes cannot vouch for them (``core.validation``); which unique
    checks apply is worked out once; a simple check constraint is answered in Python (``core.constraints``), any
    other once per set of values, with the answers kept in ``answers`` (a dict the caller keeps between cameras).
    With ``asset_tags_checked`` the caller vouches that no two cameras of the organisation share an asset tag.
    Raises ValidationError with the same messages as ``full_clean``."""
    answers = {} if answers is None else answers
    exclude = _loaded_relations(camera)
    errors: dict = {}
    stored = camera.__dict__
    for field in CHOICE_FIELDS:
        if field.name not in exclude:
            exclude.add(field.name)
            # The stored value (a country field's getter builds an object each time; its clean reads the code).
            value = stored[field.attname] if field.attname in stored else getattr(camera, field.attname)
            key = ("field", field.name, value)
            if key not in answers:
                try:
                    field.clean(value, camera)
                    answers[key] = None
                except ValidationError as error:
                    answers[key] = error
            if answers[key] is not None:
                errors.setdefault(field.name, []).extend(answers[key].error_list)
    if not fields_plainly_valid(camera, exclude=exclude):
        try:
            camera.clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    try:
        camera.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    invalid = {name for name in errors if name != NON_FIELD_ERRORS}
    for name, messages in _unique_failures(camera, invalid, answers).items():
        errors.setdefault(name, []).extend(messages)
    using = router.db_for_write(Camera, instance=camera)
    for model_class, constraints in camera.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, UniqueConstraint) and asset_tags_checked:
                continue
            failure = _constraint_failure(camera, model_class, constraint, invalid, answers, using)
            if failure is not None:
                field = camera.constraint_fields.get(constraint.name, NON_FIELD_ERRORS)
                errors.setdefault(field, []).extend(failure.error_list)
    if errors:
        raise ValidationError(errors)


CHOICE_FIELDS = [field for field in Camera._meta.concrete_fields if field.choices]
RELATION_FIELDS = [field for field in Camera._meta.concrete_fields if field.is_relation]


def _loaded_relations(camera: Camera) -> set[str]:
    """Relations whose row is already in memory: loaded means it exists, and an unsaved site is about
    to be created in the same transaction, so neither needs a query to prove it is there."""
    cache = camera._state.fields_cache
    loaded = {field.name for field in RELATION_FIELDS if cache.get(field.name) is not None}
    site = cache.get("site")
    if site is not None and site._state.fields_cache.get("organisation") is not None:
        loaded.add("organisation")  # derived from the site
    if "manufacturer" in loaded:
        loaded.add("vendor")  # derived from the manufacturer's loaded ownership chain
    return loaded


def _unique_failures(camera: Camera, exclude: set[str], answers: dict) -> dict:
    """The errors of ``camera.validate_unique(exclude=exclude)``: which checks apply depends only on the model and
    ``exclude``, so they are worked out once for each."""
    key = ("unique checks", frozenset(exclude))
    if key not in answers:
        answers[key] = camera._get_unique_checks(exclude=exclude)
    unique_checks, date_checks = answers[key]
    errors = camera._perform_unique_checks(unique_checks)
    for name, messages in camera._perform_date_checks(date_checks).items():
        errors.setdefault(name, []).extend(messages)
    return errors


PLAIN_VALUE_TYPES = frozenset({str, int, bool, datetime.date, type(None)})
# A check's answers in Python are kept for this many sets of values: the few a file repeats (a status and its date,
# a country), not one per row for a pair of dates, which is answered again each time.
KEPT_ANSWERS = 4096


def _constraint_failure(camera, model_class, constraint, invalid, answers, using) -> ValidationError | None:
    if not isinstance(constraint, CheckConstraint):
        return _database_answer(camera, model_class, constraint, invalid, using)
    compiled = answers.get(("compiled", constraint.name))
    if compiled is None:
        compiled = answers[("compiled", constraint.name)] = _check_compiled(camera, constraint)
    names, fields, values_of, test, failure, kept = compiled
    if invalid and not invalid.isdisjoint(names):
        return None
    # The stored values, as the database would hold them (a country field's getter builds an object each time).
    try:
        values = values_of(camera.__dict__)
    except KeyError:
        values = tuple(getattr(camera, field.attname, None) for field in fields)
    key = (*values, *map(type, values))
    if key in kept:
        return kept[key]
    if not all(map(PLAIN_VALUE_TYPES.__contains__, map(type, values))):
        # A str, date, whole number or None is what the field would prepare it as already.
        values = tuple(field.get_prep_value(value) for field, value in zip(fields, values, strict=True))
    if test is not None:
        try:
            answer = None if test(dict(zip(names, values, strict=True))) else failure
        except NotUnderstood:
            pass
        else:
            if len(kept) < KEPT_ANSWERS:
                kept[key] = answer
            return answer
    # Asked of the database once per set of values.
    kept[key] = _database_answer(camera, model_class, constraint, invalid, using)
    return kept[key]


def _check_compiled(camera, constraint: CheckConstraint) -> tuple:
    """The names and fields a check constraint reads, a getter of their stored values, its condition as a Python test
    (None if not understood), the error it gives, and its answers by values."""
    names = tuple(sorted(Q(constraint.condition).referenced_base_fields))
    fields = [camera._meta.get_field(name) for name in names]
    getter = operator.itemgetter(*(field.attname for field in fields))
    values_of = getter if len(fields) > 1 else lambda stored: (getter(stored),)
    try:
        test = condition_compiled(condition=constraint.condition, names=names)
    except NotUnderstood:
        test = None
    failure = ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
    return names, fields, values_of, test, failure, {}


def _database_answer(camera, model_class, constraint, exclude, using) -> ValidationError | None:
    try:
        constraint.validate(model_class, camera, exclude=exclude, using=using)
    except ValidationError as error:
        return error
    return None


# Everything a bulk update writes: the input fields and the fields derived from them.
CAMERA_WRITTEN_FIELDS = [
    field.name for field in Camera._meta.concrete_fields if not field.primary_key and field.name != "created_at"
]


@transaction.atomic
def cameras_bulk_write(
    *,
    created: Sequence[Camera],
    updated: Sequence[Camera],
    reason: str,
    user=None,
    batch_size: int = 2000,
) -> None:
    """Save many cameras, each already made by ``camera_build`` and passed by ``camera_validate``,
    recording every one in the history with ``reason``, as ``camera_create`` and ``camera_update`` do. On PostgreSQL
    new cameras and their history rows are written with COPY (``core.bulk_copy``), the same rows as the ORM's."""
    now = timezone.now()
    register_changed(organisation_ids={camera.organisation_id for camera in (*created, *updated)})
    if copy_supported(Camera):
        records_copy_with_history(records=created, reason=reason, user=user, date=now)
        created = ()
    for start in range(0, len(created), batch_size):
        # One batch at a time, so the history rows for 100,000 cameras are never all in memory at once.
        bulk_create_with_history(
            list(created[start : start + batch_size]),
            Camera,
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
    for start in range(0, len(updated), batch_size):
        batch = list(updated[start : start + batch_size])
        for camera in batch:
            camera.updated_at = now
        bulk_update_with_history(
            batch,
            Camera,
            fields=CAMERA_WRITTEN_FIELDS,
            batch_size=batch_size,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
