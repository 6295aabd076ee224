"""UK postcodes: the shape Royal Mail publishes, normalised to upper case with one space."""

import re

from django.core.exceptions import ValidationError
from django.db import models

# Outward code (area, district) then inward code (sector digit, unit letters); GIR 0AA is a historic special case.
POSTCODE_PATTERN = re.compile(r"^(?:GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][ABD-HJLNP-UW-Z]{2})$")


def normalise_postcode(raw: str) -> str:
    compact = re.sub(r"\s+", "", raw or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def validate_postcode(value: str) -> None:
    if value and not POSTCODE_PATTERN.match(normalise_postcode(value)):
        raise ValidationError(
            "Enter a real UK postcode, like SW1A 1AA (%(value)s is not one).",
            code="invalid_postcode",
            params={"value": value},
        )


class PostcodeField(models.CharField):
    """A UK postcode, normalised (``sw1a1aa`` -> ``SW1A 1AA``) whenever the model is cleaned."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    @property
    def validators(self):
        # The postcode's shape implies its length: one clear message instead of a length error as well.
        return [validate_postcode]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 8:
            del kwargs["max_length"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_postcode(value) if value else ""

    def formfield(self, **kwargs):
        # People type extra spaces; the length is checked after normalising, by the model field.
        kwargs.setdefault("max_length", 20)
        return super().formfield(**kwargs)
