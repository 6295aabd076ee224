"""The filter backend of every filtered list in the API: the FilterSet's problems (an unknown query parameter among
them) are a 400 naming each parameter, with messages that are never formatted again."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from core.api.exceptions import FieldErrorsSerializer
from core.filtersets import RegisterFilterSet, filter_errors

# The 400 of every filtered endpoint, for the schema.
FILTER_ERRORS = OpenApiResponse(
    response=FieldErrorsSerializer,
    description="A filter, limit or offset has a bad value, or a query parameter is unknown: each parameter at "
    "fault, with its messages.",
    examples=[
        OpenApiExample(
            "A misspelt filter",
            value={"site_catgory": ["Unknown filter. Choose from: site, site_category, ..., limit, offset."]},
            response_only=True,
            status_codes=["400"],
        ),
        OpenApiExample(
            "Bad values",
            value={"site": ["No site with id 999 in your organisations."], "limit": ["Enter how many to list, ..."]},
            response_only=True,
            status_codes=["400"],
        ),
    ],
)


def view_query_parameters(view) -> list[str]:
    """The query parameters an endpoint takes besides its filters: ``format``, its paginator's, its own."""
    names = [api_settings.URL_FORMAT_OVERRIDE, *getattr(view, "query_parameters", ())]
    paginator = getattr(view, "paginator", None)
    for attribute in ("limit_query_param", "offset_query_param", "page_query_param", "page_size_query_param"):
        if getattr(paginator, attribute, None):
            names.append(getattr(paginator, attribute))
    return [name for name in names if name]


class RegisterFilterBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if issubclass(self.get_filterset_class(view, queryset), RegisterFilterSet):
            kwargs["other_parameters"] = view_query_parameters(view)
        return kwargs

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        errors = filter_errors(filterset)
        if errors:
            raise ValidationError(errors)
        return filterset.qs
