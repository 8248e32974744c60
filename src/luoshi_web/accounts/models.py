"""Users and their roles: the office (政府办/督查室), leaders, and the liaison (联络员) of one unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models

from luoshi_web import roles
from luoshi_web.prepared import Prepared
from luoshi_web.units.models import Government, Unit


class UserManager(DjangoUserManager["User"]):
    """Django's user manager, with the user read by id — on every logged-in request, by the authentication
    backend (``objects.get(pk=…)``) — through a query compiled once per process (``prepared``)."""

    def get(self, *args: Any, **kwargs: Any) -> User:
        if args or list(kwargs) != ["pk"]:
            return super().get(*args, **kwargs)
        try:
            pk = self.model._meta.pk.to_python(kwargs["pk"])
        except ValidationError:
            return super().get(*args, **kwargs)  # Django's own refusal of such an id
        if type(pk) is not int:
            return super().get(*args, **kwargs)
        found = _user_by_pk(pk)
        if not found:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
        return found[0]


_user_by_pk = Prepared(lambda pk: User._default_manager.get_queryset().filter(pk=pk))


class User(AbstractUser):
    """A person who logs in: ``role`` decides what they may do, ``government`` and ``unit`` what they may see."""

    objects = UserManager()  # type: ignore[misc]

    OFFICE = roles.OFFICE
    LEADER = roles.LEADER
    LIAISON = roles.LIAISON
    ROLES = roles.ROLES

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
    # The unit's head (单位负责人): a reminder the liaison leaves unanswered escalates to them.
    is_unit_head = models.BooleanField("单位负责人", default=False)
    # A leader's units (分管领导): reminders about these units escalate to them.
    oversees = models.ManyToManyField(Unit, verbose_name="分管单位", blank=True, related_name="overseers")
    # Set by the office when it creates the account or resets the password: change it at the next login.
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)
    # Another government system reading the API with a token: it never logs in to the pages.
    service_account = models.BooleanField("服务账号（仅接口）", default=False)

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


class ApiToken(models.Model):
    """A token another system sends as ``Authorization: Bearer …`` to read the API as ``user``.

    Only the SHA-256 digest is stored: the token itself is shown once, when it is created. ``prefix``
    (its first characters) lets people tell their tokens apart without revealing them.
    """

    user = models.ForeignKey(User, verbose_name="账号", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        User, verbose_name="创建人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField("到期时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    last_used_ip = models.GenericIPAddressField("最近使用地址", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, verbose_name="撤销人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.name}）"

    def state(self, now: dt.datetime) -> str:
        """``active``, ``expired`` or ``revoked`` at ``now``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


class ApiTokenFailure(models.Model):
    """One API call with a token that was refused, kept for the throttle (by address) and pruned as it ages."""

    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "令牌失败记录"
