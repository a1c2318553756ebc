"""The voice pages."""

from django.urls import path

from .views import imports

app_name = "voice"

urlpatterns: list = [
    path("import/", imports.upload, name="import"),
    path("import/guide/", imports.guide, name="import-guide"),
    path("import/<str:token>/", imports.preview, name="import-preview"),
    path("export/", imports.export, name="export"),
]
