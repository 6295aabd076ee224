"""The published register's open data, mounted at /api/v1/public/."""

from django.urls import path

from publication import api

urlpatterns = [
    path("<slug:slug>/counts/", api.CountsView.as_view(), name="public-api-counts"),
    *(
        path(
            f"<slug:slug>/counts.{extension}",
            api.CountsDownloadView.as_view(extension=extension),
            name=f"public-api-counts-{extension}",
        )
        for extension in ("csv", "json", "xlsx")
    ),
    path("<slug:slug>/systems/", api.SystemsView.as_view(), name="public-api-systems"),
    path("<slug:slug>/disclosure-log/", api.DisclosureLogView.as_view(), name="public-api-disclosure-log"),
]
