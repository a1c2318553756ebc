from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    holding_folders = ("imports",)  # plan files waiting for a confirmation (common.uploads_cleanup)
