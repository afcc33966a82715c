from django.urls import path

from comenius.projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.mine, name="mine"),
    path("projects/search/", views.search, name="search"),
    path("projects/new/", views.new, name="new"),
    path("projects/<int:pk>/", views.detail, name="detail"),
    path("projects/<int:pk>/edit/", views.edit, name="edit"),
    path("projects/<int:pk>/send/", views.submit, name="submit"),
    path("projects/<int:pk>/discard/", views.discard, name="discard"),
    path("projects/<int:pk>/co-founder/", views.change_cofounder, name="change_cofounder"),
    path("projects/<int:pk>/co-founder/withdraw/", views.withdraw, name="withdraw"),
    path("projects/<int:pk>/answer/", views.answer, name="answer"),
    path("projects/<int:pk>/invite/", views.invite, name="invite"),
    path("projects/<int:pk>/members/<int:member_pk>/role/", views.member_role, name="member_role"),
    path("projects/<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("projects/<int:pk>/leave/", views.leave, name="leave"),
    path("projects/<int:pk>/close/", views.close, name="close"),
    path("projects/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("projects/<int:pk>/archive/", views.archive, name="archive"),
    path("nso/projects/", views.approvals, name="approvals"),
    path("nso/projects/<int:pk>/", views.review, name="review"),
    path("gallery/", views.gallery, name="gallery"),
]
