from django.urls import path

from comenius.institutions import views

app_name = "institutions"

urlpatterns = [
    path("institutions/signup-search/", views.signup_search, name="signup_search"),
]
