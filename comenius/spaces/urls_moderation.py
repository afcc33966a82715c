"""Reports about space content, and the space's report queue for its teacher administrators."""

from django.urls import path

from comenius.spaces.views import moderation

urlpatterns = [
    path("spaces/<int:space_id>/report/<str:kind>/<int:object_id>/", moderation.report, name="report"),
    path("spaces/<int:space_id>/reports/", moderation.reports, name="reports"),
    path("spaces/<int:space_id>/reports/<int:pk>/", moderation.report_case, name="report_case"),
]
