from django.urls import path

from . import views
from .views import branding, groups, installation, invitations, two_step

# A person's page and a workstream's page list their items, so the plans app composes them
# (plans/views/people.py); config/urls.py adds them to this namespace as "areas:person" and
# "areas:workstream".
app_name = "areas"
urlpatterns = [
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person-create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("groups/new/", groups.group_create, name="group-create"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group-edit"),
    path("groups/<int:pk>/remove/", groups.group_remove, name="group-remove"),
    path("workstreams/", views.workstream_list, name="workstreams"),
    path("workstreams/new/", views.workstream_create, name="workstream-create"),
    path("workstreams/<int:pk>/edit/", views.workstream_edit, name="workstream-edit"),
    path("members/", views.member_list, name="members"),
    path("name-and-logo/", branding.branding_edit, name="branding"),
    path("logo/", branding.logo, name="logo"),
    path("members/new/", views.member_create, name="member-create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("members/<int:pk>/two-step/reset/", two_step.member_two_step_reset, name="member-two-step-reset"),
    path("members/invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation-resend"),
    path(
        "members/invitations/<int:pk>/withdraw/", invitations.invitation_withdraw, name="invitation-withdraw"
    ),
]

# The installation administrator's pages (config/urls.py puts them under /admin-areas/).
installation_patterns = [
    path("", installation.area_list, name="areas"),
    path("new/", installation.area_create, name="area-create"),
    path("<slug:slug>/", installation.area_detail, name="area"),
    path(
        "<slug:slug>/members/<int:pk>/two-step/reset/",
        two_step.programme_manager_two_step_reset,
        name="member-two-step-reset",
    ),
]
