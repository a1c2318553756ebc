"""The public pages families read: no sign-in, one address per local area."""

app_name = "public"

urlpatterns: list = []
