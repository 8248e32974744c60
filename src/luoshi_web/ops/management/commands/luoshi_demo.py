"""``manage.py luoshi_demo``: load the seed documents as demo data and print the demo logins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi_web.ops import demo


class Command(BaseCommand):
    help = "载入演示数据（鼓楼区、玄武区的真实文件）并创建各角色演示账号。例：python -m luoshi_web manage luoshi_demo"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds", type=Path, default=demo.SEEDS, help="种子文件目录（默认 examples/seeds）")

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo.load(options["seeds"], say=self.stdout.write)
        self.stdout.write("演示账号：")
        self.stdout.write(demo.describe_logins(report.logins))
