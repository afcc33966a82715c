from django.urls import path

from comenius.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/mine/", views.mine, name="mine"),
    path("events/organised/", views.organised, name="organised"),
    path("events/new/", views.new, name="new"),
    path("events/calendar.ics", views.public_feed, name="public_feed"),
    path("events/feed/reset/", views.reset_feed, name="reset_feed"),
    path("events/feed/<str:token>.ics", views.personal_feed, name="feed"),
    path("events/<int:pk>/", views.detail, name="detail"),
    path("events/<int:pk>/event.ics", views.event_ics, name="ics"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("events/<int:pk>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("events/<int:pk>/offer/<str:answer>/", views.answer_offer, name="answer_offer"),
    path("events/<int:pk>/edit/", views.edit, name="edit"),
    path("events/<int:pk>/cancel-event/", views.cancel_event, name="cancel_event"),
    path("events/<int:pk>/manage/", views.manage, name="manage"),
    path("events/<int:pk>/manage/<int:registration_id>/<str:action>/", views.registration_action, name="act"),
    path("events/<int:pk>/participants.csv", views.attendees_csv, name="attendees_csv"),
]
