from django.urls import path

from comenius.site import views

app_name = "site"

urlpatterns = [
    path("", views.front, name="front"),
    path("home/", views.home, name="home"),
]
