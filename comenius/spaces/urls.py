"""Every URL of the project spaces, one module per area (each area's views live in `spaces/views/<area>.py`)."""

from comenius.spaces import urls_content, urls_live, urls_materials, urls_moderation, urls_pupils

app_name = "spaces"

urlpatterns = [
    *urls_pupils.urlpatterns,
    *urls_content.urlpatterns,
    *urls_materials.urlpatterns,
    *urls_live.urlpatterns,
    *urls_moderation.urlpatterns,
]
