"""The append-only audit trail: who changed what, when, with the values before and after."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """An attempt to change or delete an audit event."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    """Bulk updates and deletes are refused too, so no code path can rewrite history."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("操作日志只能追加，不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("操作日志只能追加，不能删除。")


class AuditEvent(models.Model):
    """One change. Rows are only ever inserted: saving an existing row or deleting one raises."""

    objects = AuditQuerySet.as_manager()

    government = models.ForeignKey(
        "units.Government", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=40)
    model = models.CharField("对象类型", max_length=60)
    object_id = models.CharField("对象编号", max_length=40, blank=True)
    summary = models.CharField("摘要", max_length=300, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作日志"
        ordering = (
            "-at",
            "-id",
        )
        indexes = (models.Index(fields=["model", "object_id"]),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("操作日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("操作日志只能追加，不能删除。")
