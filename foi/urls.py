"""FOI pages, mounted at /foi/."""

from django.urls import path

from foi import casework_views, review_views, statistics_views, views

app_name = "foi"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="request-list"),
    path("new/", views.RequestCreateView.as_view(), name="request-create"),
    path("statistics/", statistics_views.statistics_page, name="statistics"),
    path("statistics.xlsx", statistics_views.statistics_download, name="statistics-download"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("<int:pk>/issue/", views.request_issue, name="request-issue"),
    path("<int:pk>/casework/", casework_views.CaseworkEditView.as_view(), name="request-casework"),
    path("<int:pk>/extend/", casework_views.request_extend, name="request-extend"),
    path("<int:pk>/letter-preview/", review_views.letter_preview_with_outcome, name="letter-preview"),
    path("<int:pk>/reviews/", review_views.review_create, name="review-create"),
    path("<int:pk>/reviews/<int:review_pk>/decide/", review_views.review_decide, name="review-decide"),
    path("<int:pk>/appeals/", review_views.appeal_create, name="appeal-create"),
    path("<int:pk>/appeals/<int:appeal_pk>/decide/", review_views.appeal_decide, name="appeal-decide"),
    path("<int:pk>/<slug:action>/", views.request_transition, name="request-transition"),
    path("<int:pk>/questions/new/", views.QuestionEditView.as_view(), name="question-create"),
    path("<int:pk>/questions/preview/", views.question_preview, name="question-preview"),
    path("<int:pk>/questions/<int:question_pk>/", views.QuestionEditView.as_view(), name="question-edit"),
    path("<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question-delete"),
    path(
        "<int:pk>/versions/<int:number>/publish/",
        views.version_publication,
        {"publish": True},
        name="version-publish",
    ),
    path(
        "<int:pk>/versions/<int:number>/unpublish/",
        views.version_publication,
        {"publish": False},
        name="version-unpublish",
    ),
    path("<int:pk>/versions/<int:number>/response.xlsx", views.version_download, name="version-download"),
    path("<int:pk>/versions/<int:number>/letter.docx", review_views.letter_download, name="version-letter"),
]
