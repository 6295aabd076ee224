"""The public pages speak English or Welsh (Welsh Language Standards): ``?lang=cy`` or ``?lang=en`` chooses, else the
browser's Accept-Language. Only these pages: the officers' pages and the rest of the API stay in English."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_PARAMETER = "lang"


def chosen_language(request: HttpRequest) -> str:
    """The language asked for with ``?lang=``, if it is one the pages speak; else ""."""
    chosen = request.GET.get(LANGUAGE_PARAMETER, "")
    return chosen if chosen in [code for code, _name in settings.LANGUAGES] else ""


def public_language(request: HttpRequest) -> str:
    chosen = chosen_language(request)
    if chosen:
        return chosen
    codes = [code for code, _name in settings.LANGUAGES]
    accepted = translation.get_language_from_request(request, check_path=False)
    accepted = translation.get_supported_language_variant(accepted) if accepted else codes[0]
    return accepted if accepted in codes else codes[0]


def in_public_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render ``view``'s response (which must be rendered by the time it returns) in the visitor's language."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = public_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper
