from django.urls import path

from comenius.network import views

app_name = "network"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:user_id>/", views.person, name="person"),
    path("people/<int:user_id>/photo/", views.photo, name="photo"),
    path("people/<int:user_id>/contact/", views.request_contact, name="request_contact"),
    path("people/<int:user_id>/remove/", views.remove_contact, name="remove_contact"),
    path("people/<int:user_id>/block/", views.block, name="block"),
    path("people/<int:user_id>/unblock/", views.unblock, name="unblock"),
    path("people/<int:user_id>/write/", views.write_to, name="write_to"),
    path("profile/partner/", views.edit_partner_profile, name="edit_profile"),
    path("profile/partner/photo/", views.upload_photo, name="upload_photo"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/<int:pk>/<str:answer>/", views.answer_contact, name="answer_contact"),
    path("messages/", views.inbox, name="inbox"),
    path("messages/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/updates/", views.conversation_updates, name="conversation_updates"),
    path("ideas/", views.ideas, name="ideas"),
    path("ideas/mine/", views.my_ideas, name="my_ideas"),
    path("ideas/new/", views.new_idea, name="new_idea"),
    path("ideas/<int:pk>/", views.idea, name="idea"),
    path("ideas/<int:pk>/edit/", views.edit_idea, name="edit_idea"),
    path("ideas/<int:pk>/close/", views.close_idea, name="close_idea"),
    path("ideas/<int:pk>/interested/", views.interested, name="interested"),
]
