"""Writes of the publishing app: the summaries families read, the public pages' settings, and
publishing itself (a new numbered Publication holding exactly what the preview showed)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from areas.models import LocalArea
from history import services as history
from plans.models import Item, Plan

from . import rules, selectors
from .models import ItemSummary, Publication, PublicSettings
from .snapshots import settings_snapshot, summary_snapshot

SOURCE = "Web"


@transaction.atomic
def summary_update(
    *,
    item: Item,
    summary: str,
    easy_read: str,
    expected_version: int,
    by: User | None = None,
    source: str = SOURCE,
) -> ItemSummary:
    """Write a top-level item's summary and easy-read summary for families. A stale version raises
    EditConflict and saves nothing."""
    if item.level != 1:
        raise ValidationError("Only a top-level item has a summary for families")
    found = ItemSummary.objects.select_for_update().filter(item=item).first()
    record = found or ItemSummary(item=item)
    before = summary_snapshot(record) if found else None
    record.summary, record.easy_read = summary.strip(), easy_read.strip()
    record.full_clean()
    history.save_recorded(
        obj=record,
        snapshot=summary_snapshot,
        before=before,
        area=item.plan.area,
        subject=f"Summary for families of {item.number}",
        by=by,
        source=source,
        expected_version=expected_version if found else None,
        plan=item.plan,
        item=item,
    )
    return record


@transaction.atomic
def settings_update(
    *,
    area: LocalArea,
    introduction: str,
    plan: Plan | None,
    expected_version: int,
    by: User | None = None,
    source: str = SOURCE,
) -> PublicSettings:
    """The public pages' introduction and the plan they show (None: the area's live plan)."""
    if plan is not None and plan.area_id != area.pk:
        raise ValidationError({"plan": "Choose a plan of this local area"})
    found = PublicSettings.objects.select_for_update().filter(area=area).first()
    record = found or PublicSettings(area=area)
    before = settings_snapshot(record) if found else None
    record.introduction, record.plan = introduction.strip(), plan
    history.save_recorded(
        obj=record,
        snapshot=settings_snapshot,
        before=before,
        area=area,
        subject="Public pages",
        by=by,
        source=source,
        expected_version=expected_version if found else None,
    )
    return record


class AlreadyPublished(Exception):
    """Someone published after the preview was opened (a second press of Publish, or another person)."""

    def __init__(self, publication: Publication) -> None:
        super().__init__(f"Publication {publication.number} was made after the preview was opened")
        self.publication = publication


@transaction.atomic
def publication_create(
    *,
    area: LocalArea,
    by: User | None,
    note: str = "",
    latest_seen: int | None = None,
    previewed: str = "",
    at: datetime | None = None,
) -> Publication:
    """Publish the area's public pages as they are now: publication n+1, its content from
    selectors.public_content, never changed afterwards.

    `latest_seen` is the number of the latest publication when the preview was shown (0 for none):
    if another has been made since, AlreadyPublished is raised and nothing is published, so a double
    submit publishes once. `previewed`, the etag of the previewed content: if the content has changed
    since, a ValidationError asks for the preview to be checked again."""
    LocalArea.objects.select_for_update().filter(pk=area.pk).first()  # one publisher at a time
    latest = selectors.latest_publication(area=area)
    if latest_seen is not None and latest is not None and latest.number != latest_seen:
        raise AlreadyPublished(latest)
    content = selectors.public_content(area=area)
    etag = rules.content_etag(content)
    if previewed and previewed != etag:
        raise ValidationError(
            "The public pages changed after you opened the preview. Check the preview again, then publish"
        )
    if content["plan"] is None:
        raise ValidationError("This area has no plan to publish yet: add a plan first")
    publication = Publication.objects.create(
        area=area,
        number=(latest.number if latest else 0) + 1,
        published_at=at or timezone.now(),
        published_by=by,
        note=note.strip(),
        content=content,
        etag=etag,
    )
    history.change_record(
        area=area,
        action=history.Action.ADDED,
        subject=f"Publication {publication.number} of the public pages",
        changes={"Note": ["", publication.note]} if publication.note else {},
        obj=publication,
        by=by,
        source=SOURCE,
    )
    return publication
