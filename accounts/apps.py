from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "Accounts and sign-in"
    name = "accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the audit of sign-ins to Django's signals)
