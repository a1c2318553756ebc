from django.urls import path

from . import views

app_name = "two_step"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("set-up/", views.set_up, name="set-up"),
    path("code/", views.challenge, name="challenge"),
    path("recovery-code/", views.recovery, name="recovery"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("recovery-codes/download/", views.recovery_codes_download, name="recovery-codes-download"),
    path("recovery-codes/new/", views.recovery_codes_new, name="recovery-codes-new"),
]
