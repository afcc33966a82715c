from django.urls import path

from comenius.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("openbadges/issuer.json", views.ob_issuer, name="ob_issuer"),
    path("openbadges/badges/<str:kind>/<int:subject_id>.json", views.ob_badge, name="ob_badge"),
    path("openbadges/assertions/<str:code>.json", views.ob_assertion, name="ob_assertion"),
    path("certificates/", views.mine, name="mine"),
    path("certificates/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("certificates/<int:pk>/profile/", views.profile_choice, name="profile_choice"),
    path("certificates/<int:pk>/revoke/", views.revoke, name="revoke"),
]
