from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    holding_folders = ("imports",)  # plan files waiting for a confirmation (common.uploads_cleanup)

    def ready(self) -> None:
        from jobs.registry import register

        from .jobs import APPLY, PREVIEW, import_apply, import_preview

        register(PREVIEW, import_preview)
        register(APPLY, import_apply)
