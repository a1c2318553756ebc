"""Reading the history: a plan's, an item's, or any object's changes, newest first."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from common.prepared import PreparedQuery, prepared_for

from .models import Change


def changes_of_item(*, item: models.Model) -> QuerySet[Change]:
    return changes_of_item_id(pk=item.pk)


def changes_of_item_id(*, pk: int) -> QuerySet[Change]:
    return Change.objects.filter(item_id=pk).select_related("by").order_by("-at", "-id")


def newest_changes_of_item(*, item: models.Model, count: int) -> list[Change]:
    """The first `count` rows of `changes_of_item`: the first page of an item's history, on every item
    page, so prepared (common.prepared), once for each count."""
    query = prepared_for(
        ("history.newest_of_item", count),
        lambda: PreparedQuery(lambda item: changes_of_item_id(pk=item)[:count], item=int),
    )
    return query.all(item=item.pk)


def changes_of_plan(*, plan: models.Model) -> QuerySet[Change]:
    return Change.objects.filter(plan_id=plan.pk).select_related("by", "item").order_by("-at", "-id")


def changes_of(*, obj: models.Model) -> QuerySet[Change]:
    """Every recorded change of one object, whatever its model."""
    return (
        Change.objects.filter(subject_type=ContentType.objects.get_for_model(obj), subject_id=obj.pk)
        .select_related("by")
        .order_by("-at", "-id")
    )


def changes_since(*, item: models.Model, version: int) -> QuerySet[Change]:
    """An item's changes saved after `version`: what someone else did while a page was open."""
    return Change.objects.filter(item_id=item.pk, version__gt=version).select_related("by")


def saved_since(*, item: models.Model, version: int) -> dict[str, str]:
    """What was saved to an item after `version`, as {label: the value it has now}: what someone else
    changed while a page was open, for pages with no form of the item's content to compare it with."""
    saved: dict[str, str] = {}
    for change in changes_since(item=item, version=version).order_by("at", "id"):
        saved.update((label, new) for label, (_old, new) in change.changes.items())
    return saved
