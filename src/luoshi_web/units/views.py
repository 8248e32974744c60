"""The unit directory: the office keeps names, kinds, aliases and renamings; leaders may read it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from luoshi import tidy_name
from luoshi_web import roles
from luoshi_web.audit import trail
from luoshi_web.paging import page_of
from luoshi_web.units import scope
from luoshi_web.units.models import Unit, UnitAlias, UnitRename


def _unit(request: HttpRequest, pk: int) -> Unit:
    unit = Unit.objects.filter(pk=pk, government__in=scope.governments_managed(request.user)).first()
    if unit is None:
        raise Http404("没有这个单位。")
    return unit


@roles.readers_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The directory, 50 a page: the user's own government's units (or one below it, ``?government=``), by kind or name."""
    user: Any = request.user
    readable = scope.governments_for(user)
    get = request.GET
    wanted = get.get("government", "")
    government = readable.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    units = (
        Unit.objects.filter(government=government)
        if government
        else Unit.objects.filter(government__in=scope.governments_managed(user))
    )
    if get.get("kind") in dict(Unit.KINDS):
        units = units.filter(kind=get["kind"])
    if get.get("q", "").strip():
        units = units.filter(name__contains=get["q"].strip()[:50])
    units = (
        units.select_related("government", "successor")
        .prefetch_related(Prefetch("aliases", to_attr="alias_list"))
        .order_by("government__name", "kind", "sort_order", "name")
    )
    return render(
        request,
        "units/list.html",
        {
            "page": page_of(request, units),
            "kinds": Unit.KINDS,
            "get": get,
            "governments": readable.order_by("name") if scope.reads_below(user) else None,
            "can_change": government is None or government.pk == user.government_id or roles.sees_all_governments(user),
        },
    )


@roles.office_required
@require_http_methods(["POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    government = scope.governments_managed(request.user).filter(pk=request.POST.get("government") or 0).first()
    government = government or getattr(request.user, "government", None)
    name = tidy_name(request.POST.get("name", ""))
    kind = request.POST.get("kind", "department")
    if government is None or not name or kind not in dict(Unit.KINDS):
        messages.error(request, "请填写单位名称并选择类别。")
        return redirect(reverse("units:list"))
    try:
        with transaction.atomic():
            unit = Unit.objects.create(government=government, name=name, kind=kind)
    except IntegrityError:
        messages.error(request, f"“{name}”已在单位目录中。")
    else:
        trail.record(request.user, "create", unit, after=trail.snapshot(unit), summary=f"新建单位“{name}”")
        messages.success(request, f"已新建单位“{name}”。")
    return redirect(reverse("units:list"))


@roles.office_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a unit; a new name is recorded as a renaming (机构改革) and the old name kept as an alias."""
    unit = _unit(request, pk)
    if request.method == "POST":
        post: Any = request.POST
        name = tidy_name(post.get("name", ""))
        kind = post.get("kind", unit.kind)
        version = int(post.get("version") or 0)
        if not name or kind not in dict(Unit.KINDS):
            messages.error(request, "请填写单位名称并选择类别。")
            return redirect(reverse("units:edit", args=[unit.pk]))
        before = trail.snapshot(unit, ["name", "kind", "active", "member_kind"])
        try:
            with transaction.atomic():
                updated = Unit.objects.filter(pk=unit.pk, version=version).update(
                    name=name,
                    kind=kind,
                    active=bool(post.get("active")),
                    member_kind=post.get("member_kind", "") if kind == "group" else "",
                    version=version + 1,
                )
                if not updated:
                    messages.error(request, "该单位已被他人修改。下面是最新内容，请核对后重新保存。")
                    return redirect(reverse("units:edit", args=[unit.pk]))
                if name != unit.name:
                    renamed_on = _date(post.get("renamed_on")) or dt.date.today()
                    UnitRename.objects.create(
                        unit=unit,
                        old_name=unit.name,
                        new_name=name,
                        renamed_on=renamed_on,
                        note=post.get("note", "")[:200],
                    )
                    UnitAlias.objects.get_or_create(
                        government_id=unit.government_id, name=unit.name, defaults={"unit": unit}
                    )
                unit.refresh_from_db()
                trail.record(
                    request.user,
                    "update",
                    unit,
                    before=before,
                    after=trail.snapshot(unit, ["name", "kind", "active", "member_kind"]),
                    summary=f"修改单位“{unit.name}”",
                )
        except IntegrityError:
            messages.error(request, f"“{name}”已在单位目录中。")
            return redirect(reverse("units:edit", args=[unit.pk]))
        messages.success(request, f"已保存“{unit.name}”。")
        return redirect(reverse("units:list"))
    return render(
        request,
        "units/edit.html",
        {
            "unit": unit,
            "kinds": Unit.KINDS,
            "aliases": unit.aliases.all(),
            "renames": unit.renames.all(),
            "others": Unit.objects.filter(government_id=unit.government_id)
            .exclude(pk=unit.pk)
            .order_by("kind", "name"),
        },
    )


@roles.office_required
@require_http_methods(["POST"])
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge this unit (a duplicate) into another: tasks, progress and users move; its name becomes an alias."""
    from luoshi import LuoshiError
    from luoshi_web.units.merge import merge

    old = _unit(request, pk)
    new = Unit.objects.filter(pk=request.POST.get("into") or 0, government_id=old.government_id).first()
    if new is None or request.POST.get("confirm") != "yes":
        messages.error(request, "请选择要并入的单位，并勾选确认。")
        return redirect(reverse("units:edit", args=[old.pk]))
    name = old.name
    try:
        counts = merge(old, new, request.user)
    except LuoshiError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("units:edit", args=[old.pk]))
    moved = sum(counts.values())
    messages.success(request, f"已将“{name}”合并到“{new.name}”（转移{moved}条记录），原名保留为别名。")
    return redirect(reverse("units:edit", args=[new.pk]))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


@roles.office_required
@require_http_methods(["POST"])
def alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    name = tidy_name(request.POST.get("name", ""))
    if not name:
        messages.error(request, "请填写别名。")
    elif Unit.objects.filter(government_id=unit.government_id, name=name).exclude(pk=unit.pk).exists():
        messages.error(request, f"“{name}”是另一个单位的规范名称，不能作为别名。")
    else:
        try:
            with transaction.atomic():
                alias = UnitAlias.objects.create(unit=unit, name=name)
        except IntegrityError:
            messages.error(request, f"别名“{name}”已被使用。")
        else:
            trail.record(
                request.user,
                "create",
                alias,
                after={"alias": name, "unit": unit.name},
                government_id=unit.government_id,
                summary=f"为“{unit.name}”添加别名“{name}”",
            )
    return redirect(reverse("units:edit", args=[unit.pk]))


@roles.office_required
@require_http_methods(["POST"])
def alias_delete(request: HttpRequest, pk: int) -> HttpResponse:
    alias = (
        UnitAlias.objects.filter(pk=pk, government__in=scope.governments_managed(request.user))
        .select_related("unit")
        .first()
    )
    if alias is None:
        raise Http404("没有这个别名。")
    trail.record(
        request.user,
        "delete",
        alias,
        before={"alias": alias.name, "unit": alias.unit.name},
        government_id=alias.government_id,
        summary=f"删除“{alias.unit.name}”的别名“{alias.name}”",
    )
    unit_pk = alias.unit_id
    alias.delete()
    return redirect(reverse("units:edit", args=[unit_pk]))
