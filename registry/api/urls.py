from rest_framework.routers import SimpleRouter

from registry.api import views

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("site-categories", views.SiteCategoryViewSet, basename="site-category")
router.register("sites", views.SiteViewSet, basename="site")

urlpatterns = router.urls
