"""The publishing pages."""

app_name = "publishing"

urlpatterns: list = []
