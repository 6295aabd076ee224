from django.urls import path
from rest_framework.routers import SimpleRouter

from assets.api import imports, organisations, views

router = SimpleRouter()
# Here rather than in registry.api.urls: its PATCH derives the cameras again (assets/api/organisations.py).
router.register("organisations", organisations.OrganisationSettingsViewSet, basename="organisation")
router.register("manufacturers", views.ManufacturerViewSet, basename="manufacturer")
router.register("cameras", views.CameraViewSet, basename="camera")

urlpatterns = [
    # Before the router's cameras/<pk>/, which would otherwise take "import" or "counts.xlsx" for a pk.
    path("cameras/import/", imports.CameraImportView.as_view(), name="api-camera-import"),
    path("cameras/counts.xlsx", views.CameraCountsWorkbookView.as_view(), name="api-camera-counts-xlsx"),
    path("imports/<uuid:job>/", imports.ImportJobView.as_view(), name="api-import-job"),
    path("replacement-plan/", views.ReplacementPlanView.as_view(), name="replacement-plan"),
    *router.urls,
]
