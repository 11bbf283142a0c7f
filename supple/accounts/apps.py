from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "supple.accounts"
    label = "accounts"
