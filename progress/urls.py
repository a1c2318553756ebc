from django.urls import path

from .views import challenge, highlights, outstanding, periods, updates

app_name = "progress"
urlpatterns = [
    path("plans/<int:plan_pk>/periods/", periods.period_list, name="periods"),
    path("plans/<int:plan_pk>/periods/new/", periods.period_create, name="period-create"),
    path("periods/<int:pk>/", periods.period_detail, name="period"),
    path("periods/<int:pk>/edit/", periods.period_edit, name="period-edit"),
    path("periods/<int:pk>/move/<str:state>/", periods.period_move, name="period-move"),
    path("periods/<int:pk>/outstanding/", outstanding.outstanding, name="outstanding"),
    path("periods/<int:pk>/outstanding/remind/", outstanding.remind_now, name="remind"),
    path("periods/<int:pk>/challenge/", challenge.challenge_bulk, name="challenge-bulk"),
    path("periods/<int:pk>/items/<int:item_pk>/update/", updates.update_edit, name="update"),
    path("periods/<int:pk>/items/<int:item_pk>/challenge/", updates.update_challenge, name="challenge"),
    path("periods/<int:pk>/highlights/", highlights.report_list, name="highlight-reports"),
    path(
        "periods/<int:pk>/highlights/<int:workstream_pk>/",
        highlights.report_detail,
        name="highlight-report",
    ),
    path(
        "periods/<int:pk>/highlights/<int:workstream_pk>/draft/",
        highlights.report_draft,
        name="highlight-report-draft",
    ),
    path(
        "periods/<int:pk>/highlights/<int:workstream_pk>/edit/",
        highlights.report_edit,
        name="highlight-report-edit",
    ),
]
