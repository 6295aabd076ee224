from django.urls import path

from assets import views

app_name = "assets"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("cameras/", views.CameraListView.as_view(), name="camera-list"),
    path("cameras/download.csv", views.CameraDownloadView.as_view(), {"format": "csv"}, name="camera-download-csv"),
    path("cameras/download.xlsx", views.CameraDownloadView.as_view(), {"format": "xlsx"}, name="camera-download-xlsx"),
    path("cameras/add/", views.CameraEditView.as_view(), name="camera-add"),
    path("cameras/<int:pk>/", views.CameraDetailView.as_view(), name="camera-detail"),
    path("cameras/<int:pk>/edit/", views.CameraEditView.as_view(), name="camera-edit"),
    path("cameras/<int:pk>/decommission/", views.CameraDecommissionView.as_view(), name="camera-decommission"),
    path("manufacturers/", views.ManufacturerListView.as_view(), name="manufacturer-list"),
]
