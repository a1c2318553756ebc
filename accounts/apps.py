from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "Accounts and sign-in"
    name = "accounts"
