"""Materials (files, images, video, links, embeds in folders and albums) and the space export."""

from django.urls import path

from comenius.spaces.views import placeholder

urlpatterns = [
    path("spaces/<int:space_id>/materials/", placeholder.area, name="materials"),
]
