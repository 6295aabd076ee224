"""Anyone's web page may read the published register's open data: CORS open for reading, on /api/v1/public/ only."""

PUBLIC_API_PREFIX = "/api/v1/public/"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class PublicCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PUBLIC_API_PREFIX) and request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            if request.method == "OPTIONS":
                response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                response["Access-Control-Max-Age"] = "86400"
        return response
