from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    path("sites/add/", views.SiteEditView.as_view(), name="site-add"),
    path("sites/<int:pk>/edit/", views.SiteEditView.as_view(), name="site-edit"),
    path("systems/add/", views.SystemEditView.as_view(), name="system-add"),
    path("systems/<int:pk>/edit/", views.SystemEditView.as_view(), name="system-edit"),
    path("systems/compliance.xlsx", views.SystemComplianceWorkbookView.as_view(), name="system-compliance-xlsx"),
    path("members/", views.MemberListView.as_view(), name="member-list"),
    path("members/add/", views.MemberAddView.as_view(), name="member-add"),
    path("members/<int:pk>/edit/", views.MemberEditView.as_view(), name="member-edit"),
    path("members/<int:pk>/remove/", views.MemberRemoveView.as_view(), name="member-remove"),
]
