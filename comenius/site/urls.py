from django.urls import path

from comenius.site import views

app_name = "site"

urlpatterns = [
    path("", views.front, name="front"),
    path("home/", views.home, name="home"),
    path("gallery/<int:pk>/", views.gallery_project, name="gallery_project"),
]
