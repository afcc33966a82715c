from django.urls import path

from comenius.courses import views

app_name = "courses"

urlpatterns = [
    path("courses/", views.course_list, name="list"),
    path("courses/new/", views.new, name="new"),
    path("courses/<int:course_id>/", views.detail, name="detail"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/withdraw/", views.withdraw, name="withdraw"),
    path("courses/<int:course_id>/manage/", views.manage, name="manage"),
    path("courses/<int:course_id>/content/<str:kind>/<int:pk>/edit/", views.edit_content, name="edit_content"),
    path("courses/<int:course_id>/content/<str:kind>/<int:pk>/move/", views.move_content, name="move_content"),
    path("courses/<int:course_id>/content/<str:kind>/<int:pk>/delete/", views.delete_content, name="delete_content"),
    path("courses/<int:course_id>/pages/<int:pk>/", views.page, name="page"),
    path("courses/<int:course_id>/activities/<int:pk>/", views.activity, name="activity"),
    path("courses/<int:course_id>/posts/<int:pk>/hide/", views.hide_post, name="hide_post"),
    path("courses/<int:course_id>/submissions/<int:pk>/file/", views.submission_file, name="submission_file"),
    path("courses/<int:course_id>/participants/", views.participants, name="participants"),
    path("courses/<int:course_id>/review/", views.review_queue, name="review_queue"),
    path("courses/<int:course_id>/review/<int:pk>/", views.review, name="review"),
]
