"""The change log's endpoint, mounted at /api/v1/."""

from django.urls import path

from foi.api.changelog import ChangeLogView

urlpatterns = [path("changes/", ChangeLogView.as_view(), name="api-change-list")]
