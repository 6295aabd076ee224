"""The one set of FOI request filters: the API's list takes them (the page lists every request in one order)."""

import django_filters
from django.db.models import F
from django_filters.constants import EMPTY_VALUES

from core.filtersets import RegisterFilterSet
from foi.choices import FOIRequestStatus
from foi.models import FOIRequest


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


class FOIRequestFilterSet(RegisterFilterSet):
    status = django_filters.ChoiceFilter(choices=FOIRequestStatus.choices)
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
