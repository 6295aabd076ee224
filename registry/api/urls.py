from django.urls import path
from rest_framework.routers import SimpleRouter

from registry.api import views

router = SimpleRouter()
router.register("site-categories", views.SiteCategoryViewSet, basename="site-category")
router.register("sites", views.SiteViewSet, basename="site")
router.register("systems", views.SystemViewSet, basename="system")

# The organisations themselves are routed in assets.api.urls, whose view also changes their settings.
members = views.MemberViewSet.as_view({"get": "list", "post": "create"})
member = views.MemberViewSet.as_view({"get": "retrieve", "patch": "partial_update", "delete": "destroy"})

urlpatterns = [
    path("organisations/<slug:slug>/members/", members, name="member-list"),
    path("organisations/<slug:slug>/members/<str:username>/", member, name="member-detail"),
    *router.urls,
]
