"""Pupils and members: the members page, adding pupils, login cards, the pupil login and home."""

from django.urls import path

from comenius.spaces.views import placeholder, pupils

urlpatterns = [
    path("pupil/", pupils.pupil_home, name="pupil_home"),
    path("pupil/login/", pupils.pupil_login, name="pupil_login"),
    path("spaces/<int:space_id>/members/", placeholder.area, name="members"),
]
