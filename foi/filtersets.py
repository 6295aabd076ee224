"""The one set of FOI request filters: the API's list takes them, and the page its search and "assigned to me"
(the page lists every request in one order); and
the change log's filters, for its page and its endpoint."""

import datetime

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field

from core.filtersets import RegisterFilterSet
from foi.casework import EFFECTIVE_DUE_DATE, due_soon_or_overdue
from foi.choices import FOIRequestStatus
from foi.history import CHANGE_OBJECT_TYPES
from foi.models import FOIRequest
from registry.policy import Action, organisations_where_user_may


class RequestOrderingFilter(django_filters.OrderingFilter):
    """Empty dates (no due date while clarification is awaited, none answered yet) last either way, on SQLite and
    PostgreSQL alike, and the id last of all so that a tie never moves rows between pages."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = F(self.param_map.get(param.lstrip("-"), param.lstrip("-")))
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs  # the list's own order: foi.selectors.foi_requests_in_list_order
        return qs.order_by(*(self.get_ordering_value(param) for param in value), "pk")


DEADLINE_CHOICES = [("overdue", "Overdue"), ("due-soon", "Due within 5 working days or overdue")]


class AssigneeField(forms.CharField):
    """``me``, or a user's id."""

    def clean(self, value):
        value = super().clean(value)
        if value in EMPTY_VALUES:
            return value
        if value == "me" or (value.isascii() and value.isdigit() and value[0] != "0" and int(value) < 2**31):
            return value
        raise forms.ValidationError("Give me, or the id of the FOI officer the requests are assigned to.")


# "me", or an id from 1 to 2,147,483,647 (the largest user id), as AssigneeField reads them.
ASSIGNEE_PATTERN = (
    "^(me|[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}"
    "|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7])$"
)


@extend_schema_field({"type": "string", "pattern": ASSIGNEE_PATTERN})
class AssigneeFilter(django_filters.CharFilter):
    field_class = AssigneeField


class FOIRequestFilterSet(RegisterFilterSet):
    status = django_filters.ChoiceFilter(choices=FOIRequestStatus.choices)
    assigned_to = AssigneeFilter(
        method="filter_assigned_to", label="Assigned to", help_text="me, or the id of an FOI officer."
    )
    deadline = django_filters.ChoiceFilter(
        choices=DEADLINE_CHOICES,
        method="filter_deadline",
        label="Deadline",
        help_text="Open requests overdue, or due within 5 working days or overdue; by the extended deadline where "
        "extended.",
    )
    q = django_filters.CharFilter(
        method="filter_search",
        label="Search",
        help_text="Reference, subject or request text; the requester's name or email too for FOI officers and "
        "administrators.",
    )
    ordering = RequestOrderingFilter(
        fields=(
            ("reference", "reference"),
            ("received_date", "received_date"),
            ("due_date", "due_date"),
            ("answered_date", "answered_date"),
            ("status", "status"),
            ("updated_at", "updated_at"),
        )
    )

    class Meta:
        model = FOIRequest
        fields: list[str] = []

    def filter_assigned_to(self, requests, name, value):
        if value == "me":
            user = getattr(self.request, "user", None)
            return requests.filter(assigned_to=user) if user is not None and user.is_authenticated else requests.none()
        return requests.filter(assigned_to_id=int(value))

    def filter_deadline(self, requests, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return (
                requests.filter(status=FOIRequestStatus.OPEN)
                .alias(effective_due=EFFECTIVE_DUE_DATE)
                .filter(effective_due__lt=today)
            )
        return requests.filter(pk__in=due_soon_or_overdue(FOIRequest.objects.all(), today=today).values("pk"))

    def filter_search(self, requests, name, value):
        value = value.strip()
        if not value:
            return requests
        found = Q(reference__icontains=value) | Q(subject__icontains=value) | Q(request_text__icontains=value)
        # The requester is personal data: searched only in the organisations where the user may see it.
        user = getattr(self.request, "user", None)
        if user is not None:
            sees_requester = Q(organisation__in=organisations_where_user_may(user=user, action=Action.MANAGE_FOI))
            found |= sees_requester & (Q(requester_name__icontains=value) | Q(requester_email__icontains=value))
        return requests.filter(found)


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ChangeFilterSet(RegisterFilterSet):
    """The change log's filters, shared by ``/changes/`` and ``/api/v1/changes/``. Each filters the history rows of
    one kind of record; ``object_type`` chooses the kinds (``foi.changelog.changes_for_user``)."""

    object_type = django_filters.ChoiceFilter(
        label="Record type", choices=CHANGE_OBJECT_TYPES, method="chosen_by_the_selector"
    )
    object_id = WholeNumberFilter(label="Record id", field_name="id", min_value=1)
    user = django_filters.CharFilter(label="Changed by (username)", field_name="history_user__username")
    since = django_filters.DateFilter(label="From", method="filter_since")
    until = django_filters.DateFilter(label="To", method="filter_until")

    def chosen_by_the_selector(self, rows, name, value):
        return rows

    def filter_since(self, rows, name, value):
        return rows.filter(history_date__gte=_start_of(value))

    def filter_until(self, rows, name, value):
        return rows.filter(history_date__lt=_start_of(value + datetime.timedelta(days=1)))

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        data = self.form.cleaned_data
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.form.add_error("until", "Enter a date on or after the 'from' date (since).")
        if data.get("object_id") and not data.get("object_type"):
            self.form.add_error("object_id", "Choose the record type (object_type) as well as its id.")
        return not self.form.errors
