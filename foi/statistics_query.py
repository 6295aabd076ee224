"""The statistics' parameters (``from``, ``to``, ``period``, ``organisation``), read and checked once for the page,
its download and the API, with the defaults: the last twelve months up to today, by quarter."""

import datetime
from collections.abc import Iterable

from django import forms
from django.utils import timezone

from core.filtersets import unknown_parameters
from foi.statistics import Period
from registry.models import Organisation

EARLIEST = datetime.date(2000, 1, 1)  # FOIA came into force in 2005, FOISA the same day
MAX_YEARS = 10
PERIOD_CHOICES = [(Period.QUARTER.value, "Quarter"), (Period.MONTH.value, "Month")]


def default_from(*, date_to: datetime.date, period: str) -> datetime.date:
    """The first day of the current month or quarter's twelve-month run: eleven months, or three quarters, before."""
    month = date_to.month - (date_to.month - 1) % 3 if period == Period.QUARTER else date_to.month
    months = date_to.year * 12 + month - 1 - (9 if period == Period.QUARTER else 11)
    return datetime.date(months // 12, months % 12 + 1, 1)


def _long(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


class StatisticsQueryForm(forms.Form):
    """Bound to the query string. ``organisations`` are the user's; with more than one, ``choose_for_user`` picks
    the first by name when none is named (the page), else naming one is required (the API)."""

    PARAMETERS = ("from", "to", "period", "organisation")

    def __init__(
        self,
        data,
        *,
        organisations: Iterable[Organisation],
        today: datetime.date | None = None,
        other_parameters: Iterable[str] = (),
        choose_for_user: bool = False,
    ):
        self.today = today or timezone.localdate()
        self.organisations = sorted(organisations, key=lambda organisation: organisation.name)
        self.other_parameters = list(other_parameters)
        self.raw = data
        initial = {"period": Period.QUARTER.value}
        if len(self.organisations) == 1 or (choose_for_user and self.organisations):
            initial["organisation"] = self.organisations[0].slug
        values = {name: data.get(name) or initial.get(name, "") for name in self.PARAMETERS}
        super().__init__(values)
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                input_formats=["%Y-%m-%d"],
                help_text="For example, 2026-03-31.",
            )
            self.fields[name].error_messages["invalid"] = f"Enter the '{name}' date as a real date, like 2026-03-31."
        self.fields["period"] = forms.ChoiceField(label="Figures per", choices=PERIOD_CHOICES)
        self.fields["period"].error_messages["invalid_choice"] = "Choose a period of month or quarter."
        self.fields["organisation"] = forms.ChoiceField(
            label="Organisation",
            choices=[(organisation.slug, organisation.name) for organisation in self.organisations],
        )
        self.fields["organisation"].error_messages |= {
            "required": "You belong to more than one organisation: name one by its slug ("
            + ", ".join(organisation.slug for organisation in self.organisations)
            + ").",
            "invalid_choice": "You are not a member of an organisation with that slug; choose from "
            + ", ".join(organisation.slug for organisation in self.organisations)
            + ".",
        }
        if not self.organisations:
            self.fields["organisation"].error_messages["required"] = "You are not a member of any organisation."
        self.latest = datetime.date(self.today.year + 1, 12, 31)

    @property
    def show_organisation(self) -> bool:
        return len(self.organisations) > 1

    def clean(self):
        data = super().clean()
        for name, messages in unknown_parameters(self.raw, accepted=[*self.PARAMETERS, *self.other_parameters]).items():
            self.add_error(None, f"{name}: {messages[0]}")
        if self.errors.get("to") or self.errors.get("from") or self.errors.get("period"):
            return data
        date_to = data.get("to") or self.today
        for name, day in (("from", data.get("from")), ("to", date_to)):
            if day and day < EARLIEST:
                self.add_error(name, f"Enter a '{name}' date on or after {_long(EARLIEST)}.")
            elif day and day > self.latest:
                self.add_error(name, f"Enter a '{name}' date on or before {_long(self.latest)}.")
        if self.errors:
            return data
        date_from = data.get("from") or default_from(date_to=date_to, period=data["period"])
        if date_from > date_to:
            self.add_error("to", "Enter a 'to' date on or after the 'from' date.")
        elif date_from < date_to.replace(year=date_to.year - MAX_YEARS, day=min(date_to.day, 28)):
            self.add_error(
                "from", f"Ask for at most {MAX_YEARS} years at a time: choose a later 'from' or an earlier 'to' date."
            )
        data["from"], data["to"] = date_from, date_to
        return data

    def unknown_parameter_errors(self) -> dict[str, list[str]]:
        return unknown_parameters(self.raw, accepted=[*self.PARAMETERS, *self.other_parameters])

    def error_messages(self) -> dict[str, list[str]]:
        """Each parameter at fault with its messages, as the API answers a 400."""
        messages = {name: list(errors) for name, errors in self.errors.items() if name != "__all__"}
        return messages | self.unknown_parameter_errors()

    def error_summary(self) -> list[dict]:
        """The problems as the GOV.UK error summary lists them, each linking to its control."""
        summary = []
        for name, messages in self.error_messages().items():
            field = self.fields.get(name)
            label = field.label if field is not None else name
            anchor = self[name].auto_id if field is not None else ""
            summary.extend({"label": label, "message": message, "anchor": anchor} for message in messages)
        return summary

    def show_dates_used(self) -> None:
        """Fill the date boxes left blank with the defaults the figures were counted for."""
        self.data["from"] = self.cleaned_data["from"].isoformat()
        self.data["to"] = self.cleaned_data["to"].isoformat()

    def organisation(self) -> Organisation:
        slug = self.cleaned_data["organisation"]
        return next(organisation for organisation in self.organisations if organisation.slug == slug)
