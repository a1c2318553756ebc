from django.urls import include, path

from areas import views as area_views

urlpatterns = [
    path("", area_views.home, name="home"),
    path("", include("accounts.urls")),
    path("areas/<slug:area>/", include("areas.urls")),
    path("areas/<slug:area>/", include("plans.urls")),
    path("areas/<slug:area>/", include("progress.urls")),
    path("areas/<slug:area>/evidence/", include("evidence.urls")),
    path("areas/<slug:area>/scorecard/", include("scorecard.urls")),
]

handler403 = "common.views.permission_denied"
handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"
