"""The risks pages."""

from django.urls import path

from .views import board

app_name = "risks"

urlpatterns = [
    path("plans/<int:plan_pk>/heat-map/", board.heatmap, name="heatmap"),
    path("plans/<int:plan_pk>/red/", board.red, name="red"),
    path("<int:pk>/", board.risk, name="risk"),
]
