"""The voice pages."""

app_name = "voice"

urlpatterns: list = []
