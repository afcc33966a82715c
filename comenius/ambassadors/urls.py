from django.urls import path

from comenius.ambassadors import views

app_name = "ambassadors"

urlpatterns = [
    path("ambassadors/", views.index, name="index"),
    path("ambassadors/mine/", views.mine, name="mine"),
    path("ambassadors/mine/<str:answer>/", views.answer, name="answer"),
    path("ambassadors/newcomers/", views.newcomers, name="newcomers"),
    path("ambassadors/newcomers/<int:pk>/offer/", views.offer_help, name="offer_help"),
    path("ambassadors/help/", views.ask_for_help, name="ask_for_help"),
    path("ambassadors/people/<int:pk>/contact/", views.contact, name="contact"),
    path("ambassadors/people/<int:pk>/photo/", views.photo, name="photo"),
    path("ambassadors/<str:code>/", views.country, name="country"),
    path("nso/ambassadors/", views.manage, name="manage"),
    path("nso/ambassadors/poster/", views.poster, name="poster"),
    path("nso/ambassadors/<int:pk>/", views.appointment, name="appointment"),
    path("nso/ambassadors/<int:pk>/renew/", views.renew, name="renew"),
    path("nso/ambassadors/<int:pk>/end/", views.end, name="end"),
]
