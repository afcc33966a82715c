from django.urls import path

from comenius.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.centre, name="centre"),
    path("notifications/<int:pk>/open/", views.open_item, name="open"),
    path("notifications/<int:pk>/read/", views.read, name="read"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/watch/<str:kind>/<int:object_id>/", views.watch, name="watch"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
