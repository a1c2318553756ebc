"""Work that takes longer than a page should wait for (building a board pack, importing a large plan),
run by the background worker (`manage.py db_worker`, django-tasks with its database backend) while its
page shows how far it has got."""

import uuid

from django.db import models

from accounts.models import User
from areas.models import LocalArea


class Job(models.Model):
    """One piece of background work for a local area: what it is, how far it has got, and where its
    result is once done."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Could not finish"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=60, help_text="The handler that does the work (jobs.registry)")
    label = models.CharField(max_length=250, help_text="What the work is, in words")
    arguments = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    percent = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=250, blank=True, help_text="What it is doing now, in words")
    result_url = models.CharField(max_length=500, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True, help_text="What came of it, or why it could not finish")
    result = models.JSONField(
        default=dict, blank=True, help_text="What the work found, kept for the page its result opens"
    )
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["area", "kind", "-created_at"])]

    def __str__(self) -> str:
        return self.label

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
