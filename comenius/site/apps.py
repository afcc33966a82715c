from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top layer of the platform: pages composed from several apps (the member home, the header counts)."""

    name = "comenius.site"
    label = "comenius_site"  # "site" is taken by django.contrib.sites
