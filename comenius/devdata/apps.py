from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development data: the demo (`seed_demo`), reference-scale data (`generate_scale_data`), the bench and the
    test cast. The top of the layers: it may use every app, and no app may use it."""

    name = "comenius.devdata"
