"""The change log's pages, mounted at /changes/."""

from django.urls import path

from foi import views

app_name = "changes"

urlpatterns = [
    path("", views.ChangeLogView.as_view(), name="list"),
    path("download.csv", views.ChangeLogDownloadView.as_view(), {"format": "csv"}, name="download-csv"),
    path("download.xlsx", views.ChangeLogDownloadView.as_view(), {"format": "xlsx"}, name="download-xlsx"),
]
