from django.urls import path

from comenius.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/", views.mine, name="mine"),
    path("certificates/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("certificates/<int:pk>/profile/", views.profile_choice, name="profile_choice"),
    path("certificates/<int:pk>/revoke/", views.revoke, name="revoke"),
]
