"""The 接口令牌 page: each user creates and revokes their own API tokens; the office also runs service accounts.

A service account is a user that never logs in to the pages (no password) and reads the API for another
government system: a leader's view of the whole government, or a unit's view as its liaison would have.
The office creates tokens for its service accounts and may revoke any token of its government's users.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luoshi_web import roles
from luoshi_web.accounts import tokens
from luoshi_web.accounts.models import ApiToken, User
from luoshi_web.audit import trail
from luoshi_web.units.models import Unit

View = TypeVar("View", bound=Callable[..., HttpResponse])


def token_users_required(view: View) -> View:
    """Anyone with a role may hold tokens (they read the API as that role); a user without a role gets 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not (roles.is_office(user) or roles.is_leader(user) or roles.is_liaison(user)):
            raise PermissionDenied("您的账号还没有分配角色，不能创建接口令牌。")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def service_accounts(user: Any) -> QuerySet[User]:
    """The service accounts the office ``user`` runs: those of its government (every one, for the site admin)."""
    accounts = User.objects.filter(service_account=True).select_related("unit", "government")
    if roles.sees_all_governments(user):
        return accounts.order_by("username")
    if roles.is_office(user) and user.government_id:
        return accounts.filter(government_id=user.government_id).order_by("username")
    return accounts.none()


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, error_messages={"required": "请写明令牌的用途。"})
    days = forms.TypedChoiceField(label="有效期", choices=tokens.LIFETIMES, coerce=int, initial=90)
    account = forms.ModelChoiceField(label="账号", queryset=User.objects.none(), required=False, empty_label="本人")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        account: Any = self.fields["account"]
        account.queryset = service_accounts(user)
        account.label_from_instance = lambda u: f"{u.display_name}（{u.username}，服务账号）"


class ServiceAccountForm(forms.Form):
    ROLES = ((User.LEADER, "只读全区（同领导）"), (User.LIAISON, "只读一个单位（同该单位联络员）"))

    username = forms.RegexField(
        label="账号名",
        regex=r"^[A-Za-z0-9_.-]{3,60}$",
        error_messages={"invalid": "账号名只能用字母、数字和 _ . -，3 到 60 个字符。"},
    )
    first_name = forms.CharField(label="对接系统名称", max_length=150)
    role = forms.ChoiceField(label="可读范围", choices=ROLES)
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, government_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(government_id=government_id or 0, active=True).exclude(kind="group")
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("这个账号名已被使用。")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role") == User.LIAISON and not cleaned.get("unit"):
            self.add_error("unit", "只读一个单位的服务账号须选择单位。")
        if cleaned.get("role") == User.LEADER:
            cleaned["unit"] = None
        return cleaned


def _page(request: HttpRequest, *, status: int = 200, **extra: Any) -> HttpResponse:
    user: Any = request.user
    now = timezone.now()
    rows = [{"token": t, "state": t.state(now)} for t in tokens.manageable(user).order_by("-created_at")[:500]]
    office = roles.is_office(user)
    context = {
        "rows": rows,
        "form": extra.pop("form", None) or TokenForm(user=user),
        "accounts": service_accounts(user) if office else None,
        "account_form": extra.pop("account_form", None) or ServiceAccountForm(government_id=user.government_id),
        "can_run_accounts": office and user.government_id is not None,
        "api_root": request.build_absolute_uri("/api/"),
        "limit": settings.API_TOKEN_MAX_PER_USER,
        **extra,
    }
    response = render(request, "accounts/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


# The new token waits in the session for the one page that shows it (post/redirect/get), so a refresh
# of that page neither posts again nor shows the token a second time.
_CREATED = "luoshi_created_token"


@token_users_required
def token_list(request: HttpRequest) -> HttpResponse:
    created = request.session.pop(_CREATED, None)
    if created:
        record = tokens.manageable(request.user).filter(pk=created["id"]).first()
        if record is not None:
            return _page(request, created=record, created_token=created["token"])
    return _page(request)


@token_users_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create a token and show it, once: only its digest is kept."""
    form = TokenForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    owner: Any = form.cleaned_data["account"] or request.user
    now = timezone.now()
    in_force = [t for t in ApiToken.objects.filter(user=owner) if t.state(now) == "active"]
    if len(in_force) >= settings.API_TOKEN_MAX_PER_USER:
        form.add_error(None, f"每个账号最多同时保有 {settings.API_TOKEN_MAX_PER_USER} 个有效令牌：请先撤销不用的令牌。")
        return _page(request, form=form, status=400)
    record, token = tokens.issue(owner, form.cleaned_data["name"], form.cleaned_data["days"], created_by=request.user)
    request.session[_CREATED] = {"id": record.pk, "token": token}
    return redirect("tokens:list")


@token_users_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    record = tokens.manageable(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404("没有这个令牌，或您无权撤销。")
    if record.revoked_at is None:
        tokens.revoke(record, request.user)
        messages.success(request, f"已撤销令牌“{record.name}”（{record.prefix}…），使用它的调用将被拒绝。")
    return redirect("tokens:list")


@roles.office_required
@require_POST
def service_account_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.government_id is None:
        messages.error(request, "您的账号不属于某个政府，请在管理后台创建服务账号。")
        return redirect("tokens:list")
    form = ServiceAccountForm(request.POST, government_id=user.government_id)
    if not form.is_valid():
        return _page(request, account_form=form, status=400)
    data = form.cleaned_data
    account = User.objects.create_user(
        data["username"],
        first_name=data["first_name"],
        role=data["role"],
        government_id=user.government_id,
        unit=data["unit"],
        service_account=True,
    )  # no password: it cannot log in to the pages
    trail.record(
        user,
        "create",
        account,
        after=trail.snapshot(account, ["username", "first_name", "role", "government_id", "unit_id"]),
        summary=f"新建服务账号“{account.first_name}”（{account.username}）",
        government_id=user.government_id,
    )
    messages.success(request, f"已新建服务账号“{account.first_name}”：请为它创建令牌。")
    return redirect("tokens:list")
