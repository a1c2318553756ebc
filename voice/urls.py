"""The voice pages: "You said, we did, and how we know"."""

from django.urls import path

from .views import entries, imports

app_name = "voice"
urlpatterns = [
    path("", entries.entry_list, name="list"),
    path("new/", entries.entry_create, name="entry-create"),
    path("<int:pk>/", entries.entry_detail, name="entry"),
    path("<int:pk>/edit/", entries.entry_edit, name="entry-edit"),
    # Importing and exporting (voice/views/imports.py)
    path("import/", imports.upload, name="import"),
    path("import/guide/", imports.guide, name="import-guide"),
    path("import/<str:token>/", imports.preview, name="import-preview"),
    path("export/", imports.export, name="export"),
]
