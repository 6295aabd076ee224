from django.urls import path
from rest_framework.routers import SimpleRouter

from assets.api import views

router = SimpleRouter()
router.register("manufacturers", views.ManufacturerViewSet, basename="manufacturer")
router.register("cameras", views.CameraViewSet, basename="camera")

urlpatterns = [
    path("replacement-plan/", views.ReplacementPlanView.as_view(), name="replacement-plan"),
    *router.urls,
]
