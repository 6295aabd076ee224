"""What every FilterSet of the register shares: unknown query parameters refused, strict booleans, records by slug,
errors as plain messages and as the GOV.UK error summary, and the sortable columns of a list.

No message here is a %-format template: a value is quoted into a finished string, so a ``%`` in it is just text."""

import datetime
from collections.abc import Iterable, Mapping

import django_filters
from django import forms
from django.utils.formats import date_format
from django_filters.fields import ModelChoiceField

# The yes/no words of a query parameter or a form; a spreadsheet importer may accept a few more.
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "off"})


def yes_or_no(value) -> bool | None:
    """True or False for a boolean or a yes/no word (any case, spaces around it ignored); None for anything else."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def unknown_parameters(names: Iterable[str], *, accepted: Iterable[str]) -> dict[str, list[str]]:
    """An error for each name not accepted, listing those that are: a misspelt filter must never widen a total."""
    accepted = list(accepted)
    message = "Unknown filter. Choose from: " + ", ".join(accepted) + "."
    return {name: [message] for name in names if name not in accepted}


def quoted(value) -> str:
    return "'" + str(value) + "'"


class StrictBooleanField(forms.Field):
    """true/false (and yes/no, 1/0); anything else is an error rather than being ignored."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        answer = yes_or_no(value)
        if answer is not None:
            return answer
        raise forms.ValidationError("Enter true or false, not " + quoted(value) + ".", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class SlugChoiceField(ModelChoiceField):
    """A related record by its slug; the error quotes the slug (never a %-template) and names what it looked for."""

    def __init__(self, *args, missing: str = "", **kwargs):
        self.missing = missing
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value)
        # A NUL byte cannot be sent to PostgreSQL; no slug holds one anyway.
        record = None if "\x00" in value else self.queryset.filter(**{self.to_field_name or "pk": value}).first()
        if record is None:
            raise forms.ValidationError(self.missing + " " + quoted(value) + ".", code="invalid_choice")
        return record

    def validate(self, value):
        forms.Field.validate(self, value)


class SlugFilter(django_filters.ModelChoiceFilter):
    """``SlugFilter(queryset=..., missing="No site category has the slug")`` -> "No site category has the slug 'x'."."""

    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class RegisterFilterSet(django_filters.FilterSet):
    """A FilterSet that refuses query parameters it does not know. ``other_parameters`` are the endpoint's own
    (``limit``, ``offset``, ``format``, ``group_by``, ``page``...), accepted but not filters."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, other_parameters: Iterable[str] = ()):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.other_parameters = [name for name in other_parameters if name not in self.filters]

    def accepted_parameters(self) -> list[str]:
        return [*self.filters, *self.other_parameters]

    def unknown_parameter_errors(self) -> dict[str, list[str]]:
        if not self.is_bound:
            return {}
        return unknown_parameters(self.data, accepted=self.accepted_parameters())

    def is_valid(self) -> bool:
        return super().is_valid() and not self.unknown_parameter_errors()

    def error_messages(self) -> dict[str, list[str]]:
        """Every problem as parameter -> plain messages (safe to hand to DRF: no message is formatted again)."""
        messages = {name: [str(message) for message in errors] for name, errors in self.form.errors.items()}
        return messages | self.unknown_parameter_errors()

    def error_summary(self) -> list[dict]:
        """The problems as the GOV.UK error summary lists them: label, message and the control to link to."""
        summary = []
        for name, messages in self.error_messages().items():
            field = self.form.fields.get(name)
            label = field.label if field is not None else name
            anchor = self.form[name].auto_id if field is not None else ""
            summary.extend({"label": label, "message": message, "anchor": anchor} for message in messages)
        return summary

    def active_filters(self, *, exclude: Iterable[str] = ("ordering",)) -> list[tuple[str, str]]:
        """(label, value in words) of each filter in use, for the page's "Filtered by" line."""
        if not self.is_bound or not self.form.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if name in exclude or value in (None, "", []):
                continue
            active.append((self.form.fields[name].label, self.value_in_words(self.form.fields[name], value)))
        return active

    @staticmethod
    def value_in_words(field: forms.Field, value) -> str:
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime.date):
            return date_format(value, "j F Y")
        if hasattr(field, "queryset") or isinstance(value, int):
            return str(value)  # a record by its name
        labels = dict(field.choices) if hasattr(field, "choices") else {}
        if isinstance(value, list):
            return " or ".join(str(labels.get(item, item)) for item in value)
        return str(labels[value]) if value in labels else quoted(value)  # typed text, such as a search, quoted


def sort_columns(query, columns: Iterable[tuple[str, str]]) -> list[dict]:
    """Each sortable column of a list (ordering key, heading) with its sort state and the query that sorts by it."""
    current = query.get("ordering", "")
    sorted_columns = []
    for key, heading in columns:
        sort = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
        ordering = query.copy()
        ordering["ordering"] = f"-{key}" if sort == "ascending" else key
        sorted_columns.append({"key": key, "heading": heading, "sort": sort, "query": ordering.urlencode()})
    return sorted_columns


def filter_errors(filterset: RegisterFilterSet) -> Mapping[str, list[str]]:
    return filterset.error_messages() if filterset.is_bound and not filterset.is_valid() else {}


class FilterError(Exception):
    """A download's filters were refused: ``errors`` names each parameter's problems (``filter_errors``)."""

    def __init__(self, errors: Mapping[str, list[str]]):
        super().__init__("There is a problem with the filters.")
        self.errors = errors
