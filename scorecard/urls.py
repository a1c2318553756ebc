from django.urls import path

from .views import breakdowns, commentary, dfe, figures, manage, pages, reported

app_name = "scorecard"
urlpatterns = [
    # Reading (scorecard/views/pages.py)
    path("", pages.scorecard, name="scorecard"),
    path("exceptions/", pages.exceptions, name="exceptions"),
    path("measures/<int:pk>/", pages.measure_detail, name="measure"),
    path("measures/<int:pk>/breakdowns/<int:breakdown_pk>/chart.svg", pages.measure_chart, name="chart"),
    # As reported to the board, kept when each period was reported (scorecard/views/reported.py)
    path("reported/", reported.reported_list, name="reported-list"),
    path("reported/<int:period_pk>/", reported.reported_scorecard, name="reported"),
    path("reported/<int:period_pk>/exceptions/", reported.reported_exceptions, name="reported-exceptions"),
    # Commentary (scorecard/views/commentary.py)
    path("measures/<int:pk>/commentary/<int:period_pk>/", commentary.commentary_edit, name="commentary"),
    # Defining measures and outcomes (scorecard/views/manage.py)
    path("settings/", manage.settings_edit, name="settings"),
    path("outcomes/", manage.outcome_list, name="outcomes"),
    path("outcomes/new/", manage.outcome_create, name="outcome-create"),
    path("outcomes/<int:pk>/edit/", manage.outcome_edit, name="outcome-edit"),
    path("measures/new/", manage.measure_create, name="measure-create"),
    path("measures/<int:pk>/edit/", manage.measure_edit, name="measure-edit"),
    path("measures/<int:pk>/breakdowns/", breakdowns.breakdowns_edit, name="breakdowns"),
    path("measures/<int:pk>/targets/", breakdowns.targets_edit, name="targets"),
    # Figures in by hand and by file (scorecard/views/figures.py)
    path("measures/<int:pk>/figures/new/", figures.figure_create, name="figure-create"),
    path("figures/<int:pk>/edit/", figures.figure_edit, name="figure-edit"),
    path("upload/", figures.figures_upload, name="figures-upload"),
    path("upload/template.csv", figures.figures_template, name="figures-template"),
    # DfE open data (scorecard/views/dfe.py)
    path("dfe/", dfe.dfe_start, name="dfe"),
    path("dfe/<int:pk>/", dfe.dfe_upload, name="dfe-upload"),
    path("mappings/", dfe.mapping_list, name="mappings"),
    path("mappings/<int:pk>/", dfe.mapping_edit, name="mapping"),
]
