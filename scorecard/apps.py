from datetime import datetime

from django.apps import AppConfig

from common.uploads_cleanup import HeldCount


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "SEND scorecard"
    holding_folders = ("figure-uploads",)  # figures files awaiting a confirmation (common.uploads_cleanup)

    def ready(self) -> None:
        from progress.signals import period_reported, period_reporting

        from .receivers import refuse_red_without_commentary, scorecard_keep_when_reported

        period_reporting.connect(refuse_red_without_commentary, dispatch_uid="scorecard-red-commentary")
        period_reported.connect(scorecard_keep_when_reported, dispatch_uid="scorecard-as-reported")

        from plans import measure_codes

        from .selectors.measure import measure_codes_of

        measure_codes.register(measure_codes_of)

    def clean_held_uploads(self, *, cutoff: datetime, dry_run: bool) -> HeldCount:
        """DfE files uploaded before `cutoff` and never imported (common.uploads_cleanup)."""
        from .dfe.uploads import stale_uploads_remove

        return stale_uploads_remove(before=cutoff, dry_run=dry_run)
