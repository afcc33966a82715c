from django.urls import path

from comenius.groups import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.directory, name="directory"),
    path("groups/mine/", views.mine, name="mine"),
    path("groups/propose/", views.propose, name="propose"),
    path("groups/proposals/", views.proposals, name="proposals"),
    path("groups/proposals/<int:pk>/", views.proposal, name="proposal"),
    path("groups/themes/", views.themes, name="themes"),
    path("groups/<int:group_id>/", views.detail, name="detail"),
    path("groups/<int:group_id>/edit/", views.edit, name="edit"),
    path("groups/<int:group_id>/posts/", views.post_new, name="post_new"),
    path("groups/<int:group_id>/posts/<int:post_id>/comment/", views.comment, name="comment"),
    path("groups/<int:group_id>/pin/<str:kind>/<int:object_id>/", views.pin, name="pin"),
    path("groups/<int:group_id>/hide/<str:kind>/<int:object_id>/", views.hide, name="hide"),
    path("groups/<int:group_id>/join/", views.join, name="join"),
    path("groups/<int:group_id>/leave/", views.leave, name="leave"),
    path("groups/<int:group_id>/invitation/", views.answer_invitation, name="answer_invitation"),
    path("groups/<int:group_id>/members/", views.members, name="members"),
    path("groups/<int:group_id>/members/invite/", views.invite, name="invite"),
    path("groups/<int:group_id>/members/<int:pk>/request/", views.decide_request, name="decide_request"),
    path("groups/<int:group_id>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path("groups/<int:group_id>/members/<int:pk>/role/", views.set_role, name="set_role"),
    path("groups/<int:group_id>/discussions/", views.discussions, name="discussions"),
    path("groups/<int:group_id>/discussions/<int:pk>/", views.discussion, name="discussion"),
    path("groups/<int:group_id>/resources/", views.resources, name="resources"),
    path("groups/<int:group_id>/resources/add/", views.add_resource, name="add_resource"),
    path("groups/<int:group_id>/resources/<int:pk>/file/", views.resource_file, name="resource_file"),
    path("groups/<int:group_id>/reports/", views.reports, name="reports"),
    path("groups/<int:group_id>/reports/<int:pk>/", views.report_case, name="report_case"),
]
