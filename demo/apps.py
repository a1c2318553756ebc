from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo areas (`manage.py load_demo`): the top of the apps, loading each through its services."""

    name = "demo"
