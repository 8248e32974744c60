"""App configuration: 审核研判."""

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "luoshi_web.review"
    label = "review"
    verbose_name = "审核研判"
