from django.urls import path

from assets.views import cameras as views
from assets.views import exports, imports, organisations, sites, systems

app_name = "assets"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("sites/", sites.SiteListView.as_view(), name="site-list"),
    path("sites/<int:pk>/", sites.SiteDetailView.as_view(), name="site-detail"),
    path("systems/", systems.SystemListView.as_view(), name="system-list"),
    path("systems/<int:pk>/", systems.SystemDetailView.as_view(), name="system-detail"),
    path("cameras/", views.CameraListView.as_view(), name="camera-list"),
    path("cameras/download.csv", views.CameraDownloadView.as_view(), {"format": "csv"}, name="camera-download-csv"),
    path("cameras/download.xlsx", views.CameraDownloadView.as_view(), {"format": "xlsx"}, name="camera-download-xlsx"),
    # Before cameras/<int:pk>/ for readability; "import" is no pk anyway.
    path("cameras/import/", imports.camera_import, name="camera-import"),
    path("cameras/import/confirm/", imports.camera_import_confirm, name="camera-import-confirm"),
    path("cameras/import/<str:token>/", imports.camera_import_job, name="camera-import-job"),
    path("cameras/import/<str:token>/status.json", imports.camera_import_status, name="camera-import-status"),
    path("cameras/import/<str:token>/problems.xlsx", imports.camera_import_problems, name="camera-import-problems"),
    path("cameras/add/", views.CameraEditView.as_view(), name="camera-add"),
    path("cameras/<int:pk>/", views.CameraDetailView.as_view(), name="camera-detail"),
    path("cameras/<int:pk>/edit/", views.CameraEditView.as_view(), name="camera-edit"),
    path("cameras/<int:pk>/decommission/", views.CameraDecommissionView.as_view(), name="camera-decommission"),
    path("replacement/", views.ReplacementPlanView.as_view(), name="replacement-plan"),
    path(
        "replacement/download.csv",
        views.ReplacementPlanDownloadView.as_view(),
        {"format": "csv"},
        name="replacement-plan-download-csv",
    ),
    path(
        "replacement/download.xlsx",
        views.ReplacementPlanDownloadView.as_view(),
        {"format": "xlsx"},
        name="replacement-plan-download-xlsx",
    ),
    # A download too large to stream: its progress, then its file (assets/views/exports.py).
    path("exports/<str:token>/", exports.export_job, name="export-job"),
    path("exports/<str:token>/status.json", exports.export_status, name="export-status"),
    path("exports/<str:token>/file", exports.export_file, name="export-file"),
    path("manufacturers/", views.ManufacturerListView.as_view(), name="manufacturer-list"),
    path(
        "organisations/<slug:slug>/settings/",
        organisations.OrganisationSettingsView.as_view(),
        name="organisation-settings",
    ),
]
