"""Staging: what a person is previewing (an import, an upload) waits in a file until they confirm it.

Nothing of a preview touches the database, so an abandoned or failed import leaves nothing behind;
old staging files are pruned after ``STAGING_MAX_AGE``. Each staged item belongs to one user: anyone
else asking for it gets 404. ``rev`` counts edits, so a stale form (another tab) is detected; ``locked``
makes one edit's read-check-write exclusive, so two tabs posting at once never both pass the check.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _dir() -> Path:
    path = Path(settings.STAGING_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(token: str, suffix: str) -> Path:
    if not _TOKEN.match(token):
        raise Http404("预览已失效，请重新上传。")
    return _dir() / f"{token}{suffix}"


def prune() -> None:
    """Remove staged items older than the configured age."""
    limit = time.time() - settings.STAGING_MAX_AGE
    for path in _dir().iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue


def create(user_id: int, kind: str, data: dict[str, Any], blob: bytes | None = None) -> str:
    """Stage ``data`` (JSON) and optionally the uploaded bytes; return the token naming them."""
    prune()
    token = secrets.token_hex(16)
    if blob is not None:
        _path(token, ".bin").write_bytes(blob)
    # ``stage`` names what is staged (an import, an upload); ``data`` keeps its own keys (a plan's ``kind``).
    save(token, {**data, "owner": user_id, "stage": kind, "rev": 0})
    return token


def load(token: str, user_id: int, kind: str) -> dict[str, Any]:
    """The staged data, if it exists and belongs to ``user_id``; else 404."""
    try:
        data: dict[str, Any] = json.loads(_path(token, ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Http404("预览已失效或已过期，请重新上传。") from exc
    if data.get("owner") != user_id or data.get("stage") != kind:
        raise Http404("预览已失效或已过期，请重新上传。")
    return data


def peek(token: str) -> dict[str, Any]:
    """The staged data whoever owns it (for the job that fills it in); 404 when it is gone."""
    try:
        data: dict[str, Any] = json.loads(_path(token, ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Http404("预览已失效或已过期，请重新上传。") from exc
    return data


def blob(token: str) -> bytes:
    try:
        return _path(token, ".bin").read_bytes()
    except OSError as exc:
        raise Http404("上传的文件已过期，请重新上传。") from exc


def save(token: str, data: dict[str, Any]) -> None:
    path = _path(token, ".json")
    # A temporary name of its own per write: two writers never share (and collide on) one file.
    tmp = path.with_name(f"{token}.{secrets.token_hex(8)}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def locked(token: str) -> Iterator[None]:
    """Hold the staged item's lock (an OS file lock, across processes) for one load-check-save."""
    with _path(token, ".lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def discard(token: str) -> None:
    for suffix in (".json", ".bin", ".lock"):
        with contextlib.suppress(OSError, Http404):
            _path(token, suffix).unlink()
