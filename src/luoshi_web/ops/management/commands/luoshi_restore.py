"""``manage.py luoshi_restore FILE.zip [--force]``: replace all data with a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luoshi import LuoshiError
from luoshi_web.ops.backup import restore


class Command(BaseCommand):
    help = "从备份恢复全部数据（会覆盖现有数据）。例：python -m luoshi_web restore 备份.zip --force"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件（.zip）")
        parser.add_argument("--force", action="store_true", help="数据库非空时也覆盖")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = restore(options["file"], force=options["force"])
        except LuoshiError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已恢复 {counts['records']} 条记录、{counts['files']} 个附件")
