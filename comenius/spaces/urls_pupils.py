"""Pupils and members: the members page, adding pupils, login cards, the pupil login and home."""

from django.urls import path

from comenius.spaces.views import pupils

urlpatterns = [
    path("pupil/", pupils.pupil_home, name="pupil_home"),
    path("pupil/login/", pupils.pupil_login, name="pupil_login"),
    path("pupil/picture/", pupils.pupil_picture, name="pupil_picture"),
    path("spaces/<int:space_id>/members/", pupils.members, name="members"),
    path("spaces/<int:space_id>/members/add/", pupils.add, name="pupils_add"),
    path("spaces/<int:space_id>/members/cards/", pupils.print_cards, name="pupils_cards"),
    path("spaces/<int:space_id>/members/pupils/<int:pupil_id>/password/", pupils.reset_password, name="pupil_password"),
    path("spaces/<int:space_id>/members/pupils/<int:pupil_id>/admin/", pupils.set_admin, name="pupil_admin"),
    path("spaces/<int:space_id>/members/pupils/<int:pupil_id>/remove/", pupils.remove, name="pupil_remove"),
]
