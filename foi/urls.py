"""FOI pages, mounted at /foi/."""

from django.urls import path

from foi import views

app_name = "foi"

urlpatterns = [
    path("", views.RequestListView.as_view(), name="request-list"),
    path("new/", views.RequestCreateView.as_view(), name="request-create"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("<int:pk>/issue/", views.request_issue, name="request-issue"),
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
]
