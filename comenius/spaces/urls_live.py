"""Chat rooms (their WebSocket route is in `spaces/routing.py`) and online meetings."""

from django.urls import path

from comenius.spaces.views import placeholder

urlpatterns = [
    path("spaces/<int:space_id>/chat/", placeholder.area, name="chat"),
    path("spaces/<int:space_id>/meetings/", placeholder.area, name="meetings"),
]
