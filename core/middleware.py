"""The register's own middleware."""

from core.api.exceptions import DATABASE_UNREACHABLE, database_unavailable


class DatabaseUnavailableMiddleware:
    """A view, its template or the API's authentication that cannot reach the database answers 503 with Retry-After
    instead of a 500 (``core.api.exceptions.database_unavailable``). Answered here rather than by the 500 handler
    alone, so an outage is not reported as a crash of every request (no got_request_exception, no traceback each
    time), and a view's failure is a 503 with DEBUG on too. Any other exception goes on to the 500 handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNREACHABLE):
            return database_unavailable(request, exception)
        return None
