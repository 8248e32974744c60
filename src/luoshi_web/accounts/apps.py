"""App configuration: 用户与角色."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "luoshi_web.accounts"
    label = "accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        from luoshi_web.accounts import signals  # noqa: F401  (connects the login audit)
