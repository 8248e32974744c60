"""``manage.py luoshi_backup FILE.zip``: the database and stored files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luoshi_web.ops.backup import backup


class Command(BaseCommand):
    help = "备份全部数据（数据库与附件）到一个 zip 文件。例：python -m luoshi_web backup 备份.zip"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件（.zip）")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = backup(options["file"])
        self.stdout.write(f"已备份 {counts['records']} 条记录、{counts['files']} 个附件到 {options['file']}")
