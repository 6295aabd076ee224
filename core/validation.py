"""Model validation that names the field at fault: a broken database constraint, or a control character in text."""

import functools
import re

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
