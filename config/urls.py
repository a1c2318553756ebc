from django.urls import include, path

from areas import urls as area_urls
from areas import views as area_views
from areas.views import invitations
from plans.views import people

# The local area's pages, with the two the plans app composes (a person's and a workstream's items).
area_pages = [
    *area_urls.urlpatterns,
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("workstreams/<int:pk>/", people.workstream_detail, name="workstream"),
]

urlpatterns = [
    path("", area_views.home, name="home"),
    path("", include("accounts.urls")),
    path("areas/<slug:area>/", include((area_pages, area_urls.app_name))),
    path("areas/<slug:area>/", include("plans.urls")),
    path("areas/<slug:area>/", include("progress.urls")),
    path("areas/<slug:area>/evidence/", include("evidence.urls")),
    path("areas/<slug:area>/scorecard/", include("scorecard.urls")),
    path("areas/<slug:area>/risks/", include("risks.urls")),
    path("areas/<slug:area>/you-said-we-did/", include("voice.urls")),
    path("areas/<slug:area>/publishing/", include("publishing.urls")),
    path("areas/<slug:area>/board-packs/", include("boardpacks.urls")),
    path("areas/<slug:area>/jobs/", include("jobs.urls")),
    path("public/<slug:area>/", include("publishing.public_urls")),
    path("invitation/<str:token>/", invitations.invitation_accept, name="invitation-accept"),
    path("admin-areas/", include((area_urls.installation_patterns, "installation"))),
    path("two-step/", include("accounts.two_step.urls")),
]

handler403 = "common.views.permission_denied"
handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"
