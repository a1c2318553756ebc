"""The risks pages."""

app_name = "risks"

urlpatterns: list = []
