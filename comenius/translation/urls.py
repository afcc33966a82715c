from django.urls import path

from comenius.translation import views

app_name = "translation"

urlpatterns = [
    path("translate/<slug:kind>/<int:pk>/", views.translate, name="translate"),
]
