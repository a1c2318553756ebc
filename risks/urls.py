"""The risks pages."""

from django.urls import path

from .views import imports

app_name = "risks"

urlpatterns: list = [
    path("plans/<int:plan_pk>/import/", imports.upload, name="import"),
    path("plans/<int:plan_pk>/import/guide/", imports.guide, name="import-guide"),
    path("plans/<int:plan_pk>/import/<str:token>/", imports.preview, name="import-preview"),
    path("plans/<int:plan_pk>/export/", imports.export, name="export"),
]
