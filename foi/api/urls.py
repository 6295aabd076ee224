"""FOI API, mounted at /api/v1/foi/."""

from django.urls import path

from foi.api import reviews, views
from foi.api.statistics import FOIStatisticsView

requests_list = views.FOIRequestViewSet.as_view({"get": "list", "post": "create"})
request_detail = views.FOIRequestViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)
questions_list = views.QuestionViewSet.as_view({"get": "list", "post": "create"})
question_detail = views.QuestionViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)
versions_list = views.ResponseVersionViewSet.as_view({"get": "list"})
version_detail = views.ResponseVersionViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
)


def request_action(name: str, method: str = "post"):
    return views.FOIRequestViewSet.as_view({method: name})


urlpatterns = [
    path("statistics/", FOIStatisticsView.as_view(), name="foi-api-statistics"),
    path("requests/", requests_list, name="foi-api-request-list"),
    path("requests/<int:pk>/", request_detail, name="foi-api-request-detail"),
    path(
        "requests/<int:pk>/history/",
        views.FOIRequestViewSet.as_view({"get": "history"}, filter_backends=[]),
        name="foi-api-request-history",
    ),
    path("requests/<int:pk>/issue/", request_action("issue"), name="foi-api-request-issue"),
    path("requests/<int:pk>/extend/", request_action("extend"), name="foi-api-request-extend"),
    path("requests/<int:pk>/withdraw/", request_action("withdraw"), name="foi-api-request-withdraw"),
    path(
        "requests/<int:pk>/clarification-requested/",
        request_action("clarification_requested"),
        name="foi-api-request-clarification-requested",
    ),
    path(
        "requests/<int:pk>/clarification-received/",
        request_action("clarification_received"),
        name="foi-api-request-clarification-received",
    ),
    path("requests/<int:pk>/response.xlsx", request_action("response_xlsx", "get"), name="foi-api-response-xlsx"),
    path("requests/<int:request_pk>/questions/", questions_list, name="foi-api-question-list"),
    path("requests/<int:request_pk>/questions/<int:pk>/", question_detail, name="foi-api-question-detail"),
    path("requests/<int:request_pk>/versions/", versions_list, name="foi-api-version-list"),
    path("requests/<int:request_pk>/versions/<int:number>/", version_detail, name="foi-api-version-detail"),
    path(
        "requests/<int:request_pk>/versions/<int:number>/publish/",
        views.ResponseVersionViewSet.as_view({"post": "publish"}),
        name="foi-api-version-publish",
    ),
    path(
        "requests/<int:request_pk>/versions/<int:number>/unpublish/",
        views.ResponseVersionViewSet.as_view({"post": "unpublish"}),
        name="foi-api-version-unpublish",
    ),
    path(
        "requests/<int:request_pk>/versions/<int:number>/response.xlsx",
        views.ResponseVersionViewSet.as_view({"get": "workbook"}),
        name="foi-api-version-xlsx",
    ),
    path(
        "requests/<int:request_pk>/versions/<int:number>/letter.docx",
        reviews.LetterView.as_view({"get": "letter"}),
        name="foi-api-version-letter",
    ),
    path(
        "requests/<int:request_pk>/reviews/",
        reviews.ReviewViewSet.as_view({"get": "list", "post": "create"}),
        name="foi-api-review-list",
    ),
    path(
        "requests/<int:request_pk>/reviews/<int:pk>/decide/",
        reviews.ReviewViewSet.as_view({"post": "decide"}),
        name="foi-api-review-decide",
    ),
    path(
        "requests/<int:request_pk>/appeals/",
        reviews.AppealViewSet.as_view({"get": "list", "post": "create"}),
        name="foi-api-appeal-list",
    ),
    path(
        "requests/<int:request_pk>/appeals/<int:pk>/decide/",
        reviews.AppealViewSet.as_view({"post": "decide"}),
        name="foi-api-appeal-decide",
    ),
]
