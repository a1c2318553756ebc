from django.urls import path

from . import views
from .sso import views as sso

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    # Single sign-on (accounts/sso/): 404 unless set up for the installation.
    path("sso/start/", sso.start, name="sso-start"),
    path("sso/callback/", sso.callback, name="sso-callback"),
    path("sso/refused/", sso.refused, name="sso-refused"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("password-reset/done/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("account/sessions/", views.sessions_list, name="sessions"),
    path("account/sessions/<int:pk>/end/", views.session_end, name="session-end"),
    path("account/sessions/end-others/", views.sessions_end_others, name="sessions-end-others"),
    path("areas/<slug:area>/sign-in-activity/", views.area_sign_in_activity, name="area-sign-in-activity"),
    # Before the "Local areas" pages (config/urls.py), whose /admin-areas/<slug>/ would take it.
    path("admin-areas/sign-in-activity/", views.installation_sign_in_activity, name="sign-in-activity"),
]
