from rest_framework.routers import SimpleRouter

from assets.api import views

router = SimpleRouter()
router.register("manufacturers", views.ManufacturerViewSet, basename="manufacturer")
router.register("cameras", views.CameraViewSet, basename="camera")

urlpatterns = router.urls
