"""App configuration: 督查督办."""

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "luoshi_web.supervision"
    label = "supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from luoshi_web.supervision import carry  # noqa: F401  (answers the draft's question about last year)
