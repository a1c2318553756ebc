"""The publishing pages: the programme manager writes summaries, previews and publishes."""

from django.urls import path

from .views import manage

app_name = "publishing"

urlpatterns = [
    path("", manage.home, name="home"),
    path("settings/", manage.settings, name="settings"),
    path("summaries/<int:pk>/", manage.summary_edit, name="summary-edit"),
    path("preview/", manage.preview, name="preview"),
    path("preview/charts/<str:code>.svg", manage.preview_chart, name="preview-chart"),
    path("publish/", manage.publish, name="publish"),
]
