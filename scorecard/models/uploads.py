"""What a programme manager keeps while bringing in DfE open data: named column mappings and the
files being mapped."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from areas.models import LocalArea
from common.storage import private_storage

User = settings.AUTH_USER_MODEL


class SavedMapping(models.Model):
    """A named column mapping for DfE files (scorecard.dfe_mapping.ColumnMapping.to_dict)."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="saved_mappings")
    name = models.CharField(max_length=120)
    mapping = models.JSONField()
    saved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint("area", Lower("name"), name="mapping_name_unique_in_area")]

    def __str__(self) -> str:
        return self.name


def upload_name(instance: "DataUpload", filename: str) -> str:
    """A random name on disk: nothing a user typed reaches the file system."""
    return f"scorecard/{instance.area_id}/{secrets.token_hex(16)}"


class DataUpload(models.Model):
    """A DfE CSV file uploaded to import, kept (outside static files) while its columns are mapped."""

    area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="data_uploads")
    file = models.FileField(storage=private_storage, upload_to=upload_name, max_length=200)
    file_name = models.CharField(max_length=200)
    columns = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("scorecard:dfe-upload", kwargs={"area": self.area.slug, "pk": self.pk})
