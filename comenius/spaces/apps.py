from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "comenius.spaces"
    verbose_name = _("Project spaces")
