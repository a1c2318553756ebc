from django.apps import AppConfig


class BoardpacksConfig(AppConfig):
    name = "boardpacks"
    verbose_name = "Board packs"

    def ready(self) -> None:
        from jobs.registry import register

        from .jobs import build_pack_job

        register("boardpacks.build", build_pack_job)
