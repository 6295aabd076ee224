"""The published register's pages, mounted at /public/."""

from django.urls import path

from publication import views

app_name = "publication"

urlpatterns = [
    path("<slug:slug>/", views.register_page, name="register"),
    path("<slug:slug>/disclosure-log/", views.disclosure_log_page, name="disclosure-log"),
    path(
        "<slug:slug>/disclosure-log/<int:request_id>/<int:number>/response.xlsx",
        views.response_workbook,
        name="response-xlsx",
    ),
    path(
        "<slug:slug>/disclosure-log/<int:request_id>/<int:number>/letter.docx",
        views.response_letter,
        name="response-letter",
    ),
]
