from rest_framework import pagination


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """``?limit=&offset=`` with a ``count``; capped so one request cannot pull the whole register."""

    default_limit = 50
    max_limit = 1000
