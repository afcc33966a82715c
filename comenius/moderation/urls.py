from django.urls import path

from comenius.moderation import views

app_name = "moderation"

urlpatterns = [
    path("report/<str:kind>/<int:object_id>/", views.report, name="report"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/<int:pk>/", views.case, name="case"),
]
