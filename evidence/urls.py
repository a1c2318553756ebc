from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("", views.evidence_list, name="list"),
    path("new/", views.evidence_create, name="create"),
    path("<int:pk>/", views.evidence_detail, name="evidence"),
    path("<int:pk>/edit/", views.evidence_edit, name="edit"),
    path("<int:pk>/download/", views.evidence_download, name="download"),
]
