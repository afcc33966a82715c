from django.urls import path

from comenius.core import observability, views, views_downloads

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("metrics", observability.metrics_view, name="metrics"),
    path("downloads/<uuid:pk>/", views_downloads.download, name="download"),
    path("downloads/<uuid:pk>/status/", views_downloads.download_status, name="download_status"),
]
