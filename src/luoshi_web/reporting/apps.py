"""App configuration: 进展填报."""

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "luoshi_web.reporting"
    label = "reporting"
    verbose_name = "进展填报"

    def ready(self) -> None:
        from luoshi_web.reporting import carry  # noqa: F401  (answers the draft's question about last year)
