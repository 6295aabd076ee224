from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    path("sites/add/", views.SiteEditView.as_view(), name="site-add"),
    path("sites/<int:pk>/edit/", views.SiteEditView.as_view(), name="site-edit"),
]
