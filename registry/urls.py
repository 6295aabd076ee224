from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    path("sites/", views.SiteListView.as_view(), name="site-list"),
    path("sites/add/", views.SiteEditView.as_view(), name="site-add"),
    path("sites/<int:pk>/", views.SiteDetailView.as_view(), name="site-detail"),
    path("sites/<int:pk>/edit/", views.SiteEditView.as_view(), name="site-edit"),
]
