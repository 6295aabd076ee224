from rest_framework import pagination
from rest_framework.exceptions import ValidationError

LARGEST_OFFSET = 2**63 - 1  # the database's OFFSET is a big integer
# As the schema states them, for the paginated lists and for any view that pages a part of its answer.
LIMIT_SCHEMA = {"type": "integer", "minimum": 1, "maximum": LARGEST_OFFSET}
OFFSET_SCHEMA = {"type": "integer", "minimum": 0, "maximum": LARGEST_OFFSET}


def whole_number(request, name: str, *, smallest: int, largest: int, message: str) -> int | None:
    """The query parameter ``name`` as a whole number in range, None when absent; anything else is a 400 naming it."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    text = raw.strip()
    number = int(text) if text.isascii() and text.isdigit() else None
    if number is None or not smallest <= number <= largest:
        raise ValidationError({name: [message + ", not '" + raw + "'."]})
    return number


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """``?limit=&offset=`` with a ``count``; capped so one request cannot pull the whole register. A limit or offset
    that is not a whole number in range is a 400 naming it, never silently the first page."""

    default_limit = 50
    max_limit = 1000

    def get_limit(self, request):
        limit = whole_number(
            request,
            self.limit_query_param,
            smallest=1,
            largest=LARGEST_OFFSET,
            message=f"Enter how many to list, a whole number from 1 (at most {self.max_limit} are listed)",
        )
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request):
        offset = whole_number(
            request,
            self.offset_query_param,
            smallest=0,
            largest=LARGEST_OFFSET,
            message="Enter where to start, a whole number from 0",
        )
        return offset or 0

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"] = LIMIT_SCHEMA
                cap = self.max_limit
                parameter["description"] = f"How many to list, from 1; more than {cap} lists {cap}."
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"] = OFFSET_SCHEMA
                parameter["description"] = "Where to start: 0 for the first."
        return parameters
