from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("comenius.core.urls")),
    path("", include("comenius.site.urls")),
    path("", include("comenius.accounts.urls")),
    path("", include("comenius.institutions.urls")),
    path("", include("comenius.network.urls")),
    path("", include("comenius.ambassadors.urls")),
    path("", include("comenius.countries.urls")),
    path("", include("comenius.projects.urls")),
    path("", include("comenius.moderation.urls")),
    path("", include("comenius.certificates.urls")),
    path("", include("comenius.spaces.urls")),
    path("", include("comenius.recognition.urls")),
    path("", include("comenius.groups.urls")),
    path("", include("comenius.events.urls")),
    path("", include("comenius.courses.urls")),
    path("", include("comenius.notifications.urls")),
    path("", include("comenius.translation.urls")),
    path("", include("comenius.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

# Under /api/ Django's own error answers take the API's JSON shape; elsewhere they are the product's pages.
handler400 = "comenius.api.errors.handler400"
handler404 = "comenius.api.errors.handler404"
handler500 = "comenius.api.errors.handler500"
