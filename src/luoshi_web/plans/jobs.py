"""Reading a long import as a job: a large file, or one LibreOffice must convert first (.doc, .wps, .pdf), is
parsed (a work report drafted) by the background worker, not in the web request; the preview page waits for it."""

from __future__ import annotations

import logging

from django.conf import settings
from django_tasks import task

from luoshi import LuoshiError
from luoshi_web import staging
from luoshi_web.plans import drafting
from luoshi_web.units.models import Government

log = logging.getLogger(__name__)

# Formats the readers convert with LibreOffice or read page by page: slow whatever their size.
SLOW_FORMATS = ("doc", "wps", "pdf")


def runs_as_job(data: bytes, filename: str) -> bool:
    """Whether reading this upload is long enough to leave the request: big, or converted first."""
    ext = filename.rpartition(".")[2].lower()
    return ext in SLOW_FORMATS or len(data) > settings.LUOSHI_IMPORT_INLINE_BYTES


@task()
def read_import(token: str) -> str:
    """The job: parse the staged upload and stage its preview in place of the waiting marker (once)."""
    with staging.locked(token):
        try:
            waiting = staging.peek(token)
        except Exception:
            return "gone"  # cancelled or expired meanwhile
        if not waiting.get("pending"):
            return "done"  # another run of the job got here first
        government = Government.objects.filter(pk=waiting["government_id"]).first()
        try:
            if government is None:
                raise LuoshiError("该政府已不存在。")
            preview = drafting.staged_preview(
                staging.blob(token), waiting["filename"], government, waiting.get("mode") or "auto"
            )
        except LuoshiError as exc:
            result = {**waiting, "pending": False, "error": exc.message}
        except Exception as exc:  # an unexpected failure is shown, not left waiting for ever
            log.exception("读取导入文件失败")
            result = {**waiting, "pending": False, "error": f"读取文件时出错：{exc}"[:300]}
        else:
            result = {**preview, "owner": waiting["owner"], "stage": waiting["stage"], "rev": 0}
        staging.save(token, result)
    return "error" if result.get("error") else "read"
