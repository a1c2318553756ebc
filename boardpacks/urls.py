"""The board pack pages."""

from django.urls import path

from .views import html, packs, templates

app_name = "boardpacks"

urlpatterns: list = [
    # The packs and their templates (boardpacks/views/templates.py)
    path("", templates.home, name="home"),
    path("templates/new/", templates.template_create_view, name="template-create"),
    path("templates/<int:pk>/", templates.template_detail, name="template"),
    path("templates/<int:pk>/edit/", templates.template_edit, name="template-edit"),
    # Making a pack, its versions, downloads, marking as sent (boardpacks/views/packs.py)
    path("templates/<int:pk>/make/", packs.pack_create, name="pack-create"),
    path("packs/<int:pk>/", packs.pack_detail, name="pack"),
    path("packs/<int:pk>/sent/", packs.pack_mark_sent_view, name="mark-sent"),
    path("packs/<int:pk>/download/<str:fmt>/", packs.download, name="download"),
    # The pack as an accessible web page, and its charts (boardpacks/views/html.py)
    path("packs/<int:pk>/read/", html.pack_page, name="pack-html"),
    path("packs/<int:pk>/charts/<slug:name>.svg", html.chart, name="chart"),
]
