"""Home feed, pages, forum and the teachers' bulletin."""

from django.urls import path

from comenius.spaces.views import placeholder

urlpatterns = [
    path("spaces/<int:space_id>/", placeholder.area, name="home"),
    path("spaces/<int:space_id>/pages/", placeholder.area, name="pages"),
    path("spaces/<int:space_id>/forum/", placeholder.area, name="forum"),
    path("spaces/<int:space_id>/bulletin/", placeholder.area, name="bulletin"),
]
