from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from assets.api_import import CameraImportView
from assets.views_import import camera_import, camera_import_confirm, camera_import_problems

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    # Before any api/v1/ include, so the router's camera detail route cannot swallow "import".
    path("api/v1/cameras/import/", CameraImportView.as_view(), name="api-camera-import"),
    path("cameras/import/", camera_import, name="camera-import"),
    path("cameras/import/confirm/", camera_import_confirm, name="camera-import-confirm"),
    path("cameras/import/<str:token>/problems.xlsx", camera_import_problems, name="camera-import-problems"),
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
]
