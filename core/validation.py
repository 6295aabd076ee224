"""Model validation that names the field at fault: a broken database constraint, or a control character in text."""

import datetime
import functools
import re
from collections.abc import Callable

from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router

# C0 controls, DEL and C1 controls: invisible, they break spreadsheets, PDFs and XML, and NUL cannot be stored.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A multi-line text may hold line breaks and tabs, and nothing else from those ranges.
CONTROL_CHARACTER_IN_MULTI_LINE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@functools.cache
def _text_fields(model: type) -> tuple[tuple[str, str, bool], ...]:
    """(name, attname, multi-line) of the model's free-text fields; a field with choices is checked against them."""
    return tuple(
        (field.name, field.attname, isinstance(field, models.TextField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    )


def control_character_error(*, text: str, multi_line: bool) -> ValidationError | None:
    """The error for the first control character in ``text``, or None when it has none."""
    pattern = CONTROL_CHARACTER_IN_MULTI_LINE_TEXT if multi_line else CONTROL_CHARACTER
    found = pattern.search(text)
    if found is None:
        return None
    return ValidationError(
        "Remove the control character (%(code)s) from this text.",
        code="control_character",
        params={"code": f"U+{ord(found.group()):04X}"},
    )


class ConstraintErrorsByField:
    """Mixin for models: report each constraint's violation against the field named in
    ``constraint_fields`` (constraint name -> field), so forms and the API can point at it; and refuse
    control characters in every text field, so no form, API call, admin page or import can store one."""

    constraint_fields: dict[str, str] = {}

    def clean_fields(self, exclude=None):
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        excluded = set(exclude or ())
        # The stored values, not the attributes: a country field's getter builds an object on every read.
        values = self.__dict__
        for name, attname, multi_line in _text_fields(type(self)):
            value = values.get(attname)
            if isinstance(value, str) and name not in excluded and name not in errors:
                error = control_character_error(text=value, multi_line=multi_line)
                if error is not None:
                    errors[name] = [error]
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict[str, list[ValidationError]] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = self.constraint_fields.get(constraint.name, NON_FIELD_ERRORS)
                    errors.setdefault(field, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


def fields_plainly_valid(record: models.Model, *, exclude: set[str]) -> bool:
    """Whether ``record.clean_fields(exclude=exclude)`` would certainly pass and change nothing, told from each value's
    type and size without running a field's clean: a str within a CharField's length, a date in a DateField. False
    when it cannot tell, and the caller runs ``clean_fields`` (for validating thousands of records, the slow way
    only for the few that need it)."""
    values = record.__dict__
    for name, attname, plain in _plain_tests(type(record)):
        if name not in exclude and (attname not in values or not plain(values[attname])):
            return False
    return True


# Fields whose clean passes a value of this exact type unchanged, unless a validator of theirs refuses it.
PLAIN_VALUE_TYPES: dict[type[models.Field], type] = {
    models.CharField: str,
    models.TextField: str,
    models.BooleanField: bool,
    models.DateField: datetime.date,
    models.DateTimeField: datetime.datetime,
    models.AutoField: int,
    models.BigAutoField: int,
    models.SmallAutoField: int,
    models.IntegerField: int,
    models.BigIntegerField: int,
    models.SmallIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.PositiveSmallIntegerField: int,
}


@functools.cache
def _plain_tests(model: type) -> tuple[tuple[str, str, Callable[[object], bool]], ...]:
    """(name, attname, test) of each field ``clean_fields`` checks: the test is True for a value it certainly passes."""
    return tuple((field.name, field.attname, _plain_test(field)) for field in model._meta.fields if not field.generated)


def _plain_test(field: models.Field) -> Callable[[object], bool]:
    # clean_fields passes over an empty value of a field that may be blank.
    empty_passes = field.blank and None in field.empty_values and "" in field.empty_values
    value_type = None if field.choices else PLAIN_VALUE_TYPES.get(type(field))
    limits = _validator_limits(field) if value_type is not None else None
    if limits is None:
        return lambda value: empty_passes and (value is None or value == "")
    longest, lowest, highest = limits
    control = CONTROL_CHARACTER_IN_MULTI_LINE_TEXT if isinstance(field, models.TextField) else CONTROL_CHARACTER

    def test(value) -> bool:
        if value is None or value == "":
            return empty_passes
        if type(value) is not value_type:
            return False
        if value_type is str:
            return (longest is None or len(value) <= longest) and control.search(value) is None
        if value_type is int:
            return (lowest is None or value >= lowest) and (highest is None or value <= highest)
        return True

    return test


def _validator_limits(field: models.Field) -> tuple[int | None, int | None, int | None] | None:
    """(longest, lowest, highest) that the field's validators allow, or None for a validator not one of these (a NUL
    character, which they may refuse, is a control character, and the test refuses those already)."""
    longest = lowest = highest = None
    for validator in field.validators:
        limit = getattr(validator, "limit_value", None)
        if type(validator) is validators.ProhibitNullCharactersValidator:
            continue
        if not isinstance(limit, int) or isinstance(limit, bool):
            return None
        if type(validator) is validators.MaxLengthValidator:
            longest = limit if longest is None else min(longest, limit)
        elif type(validator) is validators.MinValueValidator:
            lowest = limit if lowest is None else max(lowest, limit)
        elif type(validator) is validators.MaxValueValidator:
            highest = limit if highest is None else min(highest, limit)
        else:
            return None
    return longest, lowest, highest
