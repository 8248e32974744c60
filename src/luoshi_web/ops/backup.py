"""Back up and restore all of the app's data: the database as JSON fixtures and the stored files, in one zip.

The archive is database-neutral: a backup taken on SQLite restores onto PostgreSQL and back.
``restore`` replaces everything in the target database (it refuses a non-empty one unless forced).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction

from luoshi import LuoshiError

FORMAT = "luoshi-backup"
VERSION = 1
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "accounts.loginfailure",
    "accounts.apitokenfailure",
    # The job queue: a restored reminder not yet delivered is handed out again by the scheduler.
    "django_tasks_database",
]


# Models that moved to another app keep their tables; a backup taken before the move names them so.
MOVED_MODELS = {
    "reporting.period": "plans.period",
    "review.adjustment": "plans.adjustment",
    "review.verdict": "reporting.verdict",
    "review.taskstatus": "reporting.taskstatus",
}


class BackupError(LuoshiError):
    """The archive is not a luoshi backup, or the database is not empty."""


def backup(target: Path) -> dict[str, int]:
    """Write the whole database and every stored file to the zip ``target``; return what it holds."""
    buffer = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDE, stdout=buffer, verbosity=0)
    records = json.loads(buffer.getvalue() or "[]")
    media = Path(settings.MEDIA_ROOT)
    files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json",
            json.dumps(
                {
                    "format": FORMAT,
                    "version": VERSION,
                    "created": dt.datetime.now(dt.UTC).isoformat(),
                    "database": connection.vendor,
                    "records": len(records),
                    "files": len(files),
                },
                ensure_ascii=False,
            ),
        )
        archive.writestr("data.json", json.dumps(records, ensure_ascii=False))
        for path in files:
            archive.write(path, "files/" + path.relative_to(media).as_posix())
    return {"records": len(records), "files": len(files)}


def _is_empty() -> bool:
    from luoshi_web.plans.models import Plan
    from luoshi_web.units.models import Government

    return not Plan.objects.exists() and not Government.objects.exists()


def restore(source: Path, *, force: bool = False) -> dict[str, int]:
    """Replace the database and the stored files with the backup ``source``."""
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"无法打开备份文件“{source}”：它不是 zip 文件或已损坏。") from exc
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
            data = archive.read("data.json")
        except (KeyError, ValueError) as exc:
            raise BackupError("这不是落实的备份文件（缺少 manifest.json 或 data.json）。") from exc
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise BackupError(f"备份格式“{manifest.get('format')} v{manifest.get('version')}”无法识别。")
        call_command("migrate", interactive=False, verbosity=0)
        if not force and not _is_empty():
            raise BackupError("数据库中已有数据。恢复会覆盖全部现有数据；确认无误请加 --force。")
        fixture = Path(settings.STAGING_DIR) / "restore.json"
        fixture.parent.mkdir(parents=True, exist_ok=True)
        records = json.loads(data)
        for record in records:
            record["model"] = MOVED_MODELS.get(record.get("model", ""), record.get("model"))
        fixture.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        try:
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink(missing_ok=True)
        # The flush ended every session (a backup keeps none); the sessions' cache copies end with them, and
        # the figures kept under the replaced rows' state go too.
        caches[settings.SESSION_CACHE_ALIAS].clear()
        media = Path(settings.MEDIA_ROOT)
        count = 0
        for name in archive.namelist():
            if not name.startswith("files/") or name.endswith("/"):
                continue
            relative = PurePosixPath(name[len("files/") :])
            if relative.is_absolute() or ".." in relative.parts:
                continue  # never write outside the media directory
            destination = media.joinpath(*relative.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.read(name))
            count += 1
    return {"records": int(manifest.get("records", 0)), "files": count}
