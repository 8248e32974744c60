"""Stored files without a row: an upload killed between writing its file and committing its row leaves one.

Files are written before the transaction that records them commits (the row needs the file's name);
a crash in between leaves a file nobody points to. ``sweep_stray_files`` removes such files once they
are older than a grace period (an upload in progress is younger), and the scheduler runs it.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings

from luoshi_web.reporting.models import Attachment

GRACE_SECONDS = 3600


def sweep_stray_files(grace_seconds: int = GRACE_SECONDS) -> list[str]:
    """Delete files under ``attachments/`` that no attachment row names and that are older than the grace period."""
    root = Path(settings.MEDIA_ROOT)
    base = root / "attachments"
    if not base.is_dir():
        return []
    named = set(Attachment.objects.values_list("file", flat=True))
    limit = time.time() - grace_seconds
    removed = []
    for path in sorted(base.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        try:
            if name in named or path.stat().st_mtime >= limit:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(name)
    return removed
