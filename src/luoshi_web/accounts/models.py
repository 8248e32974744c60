"""Users and their roles: the office (政府办/督查室), leaders, and the liaison (联络员) of one unit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from luoshi_web.units.models import Government, Unit


class User(AbstractUser):
    """A person who logs in: ``role`` decides what they may do, ``government`` and ``unit`` what they may see."""

    OFFICE = "office"
    LEADER = "leader"
    LIAISON = "liaison"
    ROLES = (
        (OFFICE, "政府办/督查室"),
        (LEADER, "领导"),
        (LIAISON, "联络员"),
    )

    role = models.CharField("角色", max_length=20, choices=ROLES, blank=True)
    government = models.ForeignKey(
        Government, verbose_name="所属政府", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="所属单位（联络员）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="liaisons",
    )
    phone = models.CharField("电话", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    @property
    def display_name(self) -> str:
        return self.first_name or self.username

    @property
    def is_office(self) -> bool:
        return self.role == self.OFFICE

    @property
    def is_leader(self) -> bool:
        return self.role == self.LEADER

    @property
    def is_liaison(self) -> bool:
        return self.role == self.LIAISON and self.unit_id is not None


class LoginFailure(models.Model):
    """One failed login, kept for the throttle (by user name and by address) and pruned as it ages."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败记录"
