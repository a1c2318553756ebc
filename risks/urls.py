"""The risks pages."""

from django.urls import path

from .views import board, edit, imports, mitigations, register, risk

app_name = "risks"

urlpatterns: list = [
    # The register (risks/views/register.py)
    path("", register.home, name="home"),
    path("plans/<int:plan_pk>/", register.register, name="register"),
    path("bands/", register.bands_edit, name="bands"),
    # One risk (risks/views/risk.py)
    path("<int:pk>/", risk.risk_detail, name="risk"),
    path("<int:pk>/chart.svg", risk.risk_chart_svg, name="chart"),
    # Adding, editing, reviewing, closing (risks/views/edit.py)
    path("plans/<int:plan_pk>/new/", edit.risk_create_view, name="risk-create"),
    path("<int:pk>/edit/", edit.risk_edit, name="risk-edit"),
    path("<int:pk>/review/", edit.risk_review, name="risk-review"),
    path("<int:pk>/close/", edit.risk_close_view, name="risk-close"),
    path("<int:pk>/reopen/", edit.risk_reopen_view, name="risk-reopen"),
    # Mitigating actions and their progress (risks/views/mitigations.py)
    path("<int:pk>/mitigations/new/", mitigations.mitigation_create, name="mitigation-create"),
    path(
        "<int:pk>/mitigations/<int:mitigation_pk>/edit/", mitigations.mitigation_edit, name="mitigation-edit"
    ),
    path(
        "<int:pk>/mitigations/<int:mitigation_pk>/progress/new/", mitigations.note_create, name="note-create"
    ),
    # Importing and exporting (risks/views/imports.py)
    path("plans/<int:plan_pk>/import/", imports.upload, name="import"),
    path("plans/<int:plan_pk>/import/guide/", imports.guide, name="import-guide"),
    path("plans/<int:plan_pk>/import/<str:token>/", imports.preview, name="import-preview"),
    path("plans/<int:plan_pk>/export/", imports.export, name="export"),
    # The heat map and the board's view of red risks (risks/views/board.py)
    path("plans/<int:plan_pk>/heat-map/", board.heatmap, name="heatmap"),
    path("plans/<int:plan_pk>/red/", board.red, name="red"),
]
