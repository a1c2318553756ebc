"""The voice pages: "You said, we did, and how we know"."""

from django.urls import path

from . import views

app_name = "voice"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create, name="entry-create"),
    path("<int:pk>/", views.entry_detail, name="entry"),
    path("<int:pk>/edit/", views.entry_edit, name="entry-edit"),
]
