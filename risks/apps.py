from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = "Risk register"

    def ready(self) -> None:
        from progress.signals import period_reported, period_reporting

        from .receivers import refuse_red_without_update, risks_keep_when_reported

        period_reporting.connect(refuse_red_without_update, dispatch_uid="risks-red-update")
        period_reported.connect(risks_keep_when_reported, dispatch_uid="risks-as-reported")
