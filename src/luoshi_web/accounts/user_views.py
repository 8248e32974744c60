"""The office manages its own government's accounts: create a liaison (or leader, or office colleague), change a
role or unit, disable, reset a password to a temporary one that must be changed at the next login. Every
user changes their own password. Each change is audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from luoshi_web import roles
from luoshi_web.accounts.models import User
from luoshi_web.accounts.passwords import temporary_password
from luoshi_web.audit import trail
from luoshi_web.paging import page_of
from luoshi_web.units.models import Unit

FIELDS = ("username", "first_name", "role", "unit", "is_unit_head", "oversees", "email", "phone")


def _managed(user: Any) -> QuerySet[User]:
    """The accounts the office manages: its government's people (service accounts are on the token page)."""
    if user.government_id is None:
        return User.objects.none()
    return User.objects.filter(government_id=user.government_id, service_account=False)


class UserForm(forms.ModelForm):
    role = forms.ChoiceField(label="角色", choices=roles.ROLES)

    class Meta:
        model = User
        fields = FIELDS
        labels = {"username": "用户名", "first_name": "姓名", "email": "电子邮箱"}  # noqa: RUF012
        widgets = {"oversees": forms.CheckboxSelectMultiple}  # noqa: RUF012

    def __init__(self, *args: Any, government_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = (
            Unit.objects.filter(government_id=government_id, active=True).exclude(kind="group").order_by("kind", "name")
        )
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["oversees"].queryset = units  # type: ignore[attr-defined]
        self.fields["oversees"].required = False
        self.fields["username"].help_text = "登录用，字母、数字和 @.+-_"

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"].strip()
        taken = User.objects.filter(username__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("该用户名已被使用。")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == roles.LIAISON and not data.get("unit"):
            self.add_error("unit", "联络员须指定所属单位。")
        if data.get("is_unit_head") and not data.get("unit"):
            self.add_error("unit", "单位负责人须指定所属单位。")
        if data.get("oversees") and data.get("role") != roles.LEADER:
            self.add_error("oversees", "只有领导可以分管单位。")
        return data


def _snapshot(user: User) -> dict[str, Any]:
    data = {
        k: v
        for k, v in trail.snapshot(
            user, ["username", "first_name", "role", "unit_id", "is_unit_head", "is_active", "email", "phone"]
        ).items()
    }
    data["oversees"] = sorted(user.oversees.values_list("pk", flat=True)) if user.pk else []
    return data


@roles.office_required
def users(request: HttpRequest) -> HttpResponse:
    rows = _managed(request.user).select_related("unit").order_by("-is_active", "role", "unit__name", "username")
    return render(request, "accounts/users.html", {"page": page_of(request, rows)})


@roles.office_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    office: Any = request.user
    form = UserForm(request.POST or None, government_id=office.government_id)
    if request.method == "POST" and form.is_valid():
        password = temporary_password()
        with transaction.atomic():
            user = form.save(commit=False)
            user.government_id = office.government_id
            user.must_change_password = True
            user.set_password(password)
            user.save()
            form.save_m2m()
            trail.record(
                office,
                "user-create",
                user,
                after=_snapshot(user),
                government_id=office.government_id,
                summary=f"新建账号 {user.username}（{user.get_role_display()}）",
            )
        return render(request, "accounts/temp_password.html", {"account": user, "password": password, "created": True})
    return render(
        request, "accounts/user_form.html", {"form": form, "account": None}, status=400 if form.errors else 200
    )


def _get(request: HttpRequest, pk: int) -> User:
    found = _managed(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个账号。")
    return found


@roles.office_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    office: Any = request.user
    account = _get(request, pk)
    before = _snapshot(account)
    form = UserForm(request.POST or None, instance=account, government_id=office.government_id)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            trail.record(
                office,
                "user-update",
                account,
                before=before,
                after=_snapshot(account),
                government_id=office.government_id,
                summary=f"修改账号 {account.username}",
            )
        messages.success(request, f"已保存 {account.username}。")
        return redirect(reverse("accounts:users"))
    return render(
        request, "accounts/user_form.html", {"form": form, "account": account}, status=400 if form.errors else 200
    )


@roles.office_required
@require_http_methods(["POST"])
def user_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Disable, enable, or reset the password of an account (a temporary one, shown once)."""
    office: Any = request.user
    account = _get(request, pk)
    action = request.POST.get("action", "")
    if account.pk == office.pk and action == "disable":
        messages.error(request, "不能停用自己的账号。")
        return redirect(reverse("accounts:users"))
    if action in ("disable", "enable"):
        account.is_active = action == "enable"
        account.save(update_fields=["is_active"])
        trail.record(
            office,
            f"user-{action}",
            account,
            after={"is_active": account.is_active},
            government_id=office.government_id,
            summary=f"{'启用' if account.is_active else '停用'}账号 {account.username}",
        )
        messages.success(request, f"已{'启用' if account.is_active else '停用'} {account.username}。")
        return redirect(reverse("accounts:users"))
    if action == "reset":
        password = temporary_password()
        account.set_password(password)
        account.must_change_password = True
        account.save(update_fields=["password", "must_change_password"])
        trail.record(
            office,
            "user-reset-password",
            account,
            government_id=office.government_id,
            summary=f"重置 {account.username} 的密码",
        )
        return render(
            request, "accounts/temp_password.html", {"account": account, "password": password, "created": False}
        )
    messages.error(request, "请选择操作。")
    return redirect(reverse("accounts:users"))


class OwnPasswordForm(PasswordChangeForm):
    error_messages = {  # noqa: RUF012
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def clean_new_password1(self) -> str:
        new: str = self.cleaned_data["new_password1"]
        if self.user.check_password(new):
            raise forms.ValidationError("新密码不能与原密码相同。")
        return new


@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Every user changes their own password; one given by the office must be changed before anything else."""
    user: Any = request.user
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        update_session_auth_hash(request, form.user)
        trail.record(
            user, "password-change", user, government_id=user.government_id, summary=f"{user.username} 修改密码"
        )
        messages.success(request, "密码已修改。")
        return redirect(reverse("home"))
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": user.must_change_password},
        status=400 if form.errors else 200,
    )
