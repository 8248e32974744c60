"""督办 pages: notices (list, issue, detail with the next step, the .docx), units' requests, the reminder ladder."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from luoshi import REPORTS, LuoshiError, SupervisionDetails
from luoshi_web import clock, roles
from luoshi_web.audit import trail
from luoshi_web.paging import page_of
from luoshi_web.plans import access
from luoshi_web.plans.models import Period
from luoshi_web.reporting import reports
from luoshi_web.reporting.views import download_response
from luoshi_web.supervision import services
from luoshi_web.supervision.models import Ladder, Notice, UnitRequest
from luoshi_web.units.models import Unit


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _notices_for(user: Any) -> QuerySet[Notice]:
    notices = Notice.objects.select_related("unit", "task", "government")
    if roles.is_liaison(user):
        return notices.filter(unit_id=user.unit_id)
    if roles.sees_all_governments(user):
        return notices
    if (roles.is_office(user) or roles.is_leader(user)) and user.government_id:
        return notices.filter(government_id=user.government_id)
    return notices.none()


def _get_notice(user: Any, pk: int) -> Notice:
    notice = _notices_for(user).filter(pk=pk).first()
    if notice is None:
        raise Http404("没有这份督办单，或您无权查看。")
    return notice


def notices(request: HttpRequest) -> HttpResponse:
    """The notices the user may see (a liaison: their unit's), open ones first, 50 a page."""
    rows = _notices_for(request.user).order_by("state", "-year", "-serial")
    state = request.GET.get("state", "")
    if state in dict(Notice.STATES):
        rows = rows.filter(state=state)
    return render(
        request,
        "supervision/notices.html",
        {"page": page_of(request, rows), "states": Notice.STATES, "state": state, "today": clock.today()},
    )


@roles.office_required
@require_http_methods(["POST"])
def notice_create(request: HttpRequest) -> HttpResponse:
    """Issue a notice from a task's page: the unit (one of the task's), the matter, the reply deadline."""
    post = request.POST
    task = access.get_task(request.user, int(post["task"]) if post.get("task", "").isdigit() else 0, change=True)
    unit = Unit.objects.filter(pk=post.get("unit") or 0, government_id=task.plan.government_id).first()
    period = Period.objects.filter(pk=post.get("period") or 0, plan_id=task.plan_id).first()
    reply_by = _date(post.get("reply_by", ""))
    try:
        if unit is None or reply_by is None:
            raise LuoshiError("请选择单位并填写回复期限。")
        notice = services.issue(
            task=task, unit=unit, period=period, reason=post.get("reason", ""), reply_by=reply_by, user=request.user
        )
    except LuoshiError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("reporting:task", args=[task.pk]))
    messages.success(request, f"已下发{notice.number}。")
    return redirect(reverse("supervision:notice", args=[notice.pk]))


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _get_notice(request.user, pk)
    user: Any = request.user
    own_unit = roles.is_liaison(user) and user.unit_id == notice.unit_id
    return render(
        request,
        "supervision/notice.html",
        {
            "notice": notice,
            "can_sign": own_unit and notice.state == Notice.ISSUED,
            "can_reply": own_unit and notice.state in (Notice.ISSUED, Notice.SIGNED),
            "can_close": roles.is_office(user) and notice.state == Notice.REPLIED,
            "can_escalate": roles.is_office(user) and notice.open,
            "formats": REPORTS["supervision"].formats,
            "overdue": notice.is_overdue(clock.today()),
        },
    )


@require_http_methods(["POST"])
def notice_act(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of a notice: sign (签收), reply (回复), close (销号) or escalate (升级)."""
    notice = _get_notice(request.user, pk)
    user: Any = request.user
    action = request.POST.get("action", "")
    own_unit = roles.is_liaison(user) and user.unit_id == notice.unit_id
    allowed = {"sign": own_unit, "reply": own_unit, "close": roles.is_office(user), "escalate": roles.is_office(user)}
    if not allowed.get(action):
        raise PermissionDenied("您无权执行这一步。")
    version = request.POST.get("version", "")
    if version.isdigit():
        notice.version = int(version)
    try:
        if action == "sign":
            services.sign(notice, user)
        elif action == "reply":
            services.reply(
                notice,
                user,
                measures=request.POST.get("measures", ""),
                expected_on=_date(request.POST.get("expected_on", "")),
            )
        elif action == "close":
            services.close(notice, user, note=request.POST.get("note", ""))
        else:
            services.escalate(notice, user, note=request.POST.get("note", ""))
    except LuoshiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, {"sign": "已签收。", "reply": "已回复。", "close": "已销号。", "escalate": "已升级督办。"}[action]
        )
    return redirect(reverse("supervision:notice", args=[notice.pk]))


def notice_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The notice as a document of the core's ``notice`` report, in the office's format."""
    notice = _get_notice(request.user, pk)
    if fmt not in REPORTS["supervision"].formats:
        raise Http404("没有这种格式。")
    period = notice.period or notice.task.plan.periods.order_by("-end").first()
    if period is None:
        messages.error(request, "该方案还没有填报周期，无法生成督办单。")
        return redirect(reverse("supervision:notice", args=[notice.pk]))
    details = SupervisionDetails(
        number=notice.number,
        unit=notice.unit.name,
        task_number=notice.task.number,
        reason=notice.reason,
        reply_by=notice.reply_by,
        issued_on=notice.issued_at.date(),
        issuer=notice.government.full_name.replace("人民政府", "人民政府办公室")
        if notice.government.full_name
        else f"{notice.government.name}人民政府办公室",
        measures=notice.measures,
        expected=notice.expected_on,
    )
    try:
        data, filename = reports.render(notice.task.plan, period, "supervision", fmt, supervision=details)
    except LuoshiError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("supervision:notice", args=[notice.pk]))
    return download_response(data, filename, fmt)


# --------------------------------------------------------------------------- requests


def _requests_for(user: Any) -> QuerySet[UnitRequest]:
    rows = UnitRequest.objects.select_related("unit", "task", "period", "asked_by")
    if roles.is_liaison(user):
        return rows.filter(unit_id=user.unit_id)
    if roles.sees_all_governments(user):
        return rows
    if (roles.is_office(user) or roles.is_leader(user)) and user.government_id:
        return rows.filter(government_id=user.government_id)
    return rows.none()


def requests(request: HttpRequest) -> HttpResponse:
    rows = _requests_for(request.user).order_by("state", "-asked_at")
    return render(request, "supervision/requests.html", {"page": page_of(request, rows)})


@roles.liaison_required
@require_http_methods(["POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    """A liaison asks, from a task's page, to extend the deadline or to return the task."""
    user: Any = request.user
    post = request.POST
    task = access.get_task(user, int(post["task"]) if post.get("task", "").isdigit() else 0, change=True)
    period = Period.objects.filter(pk=post.get("period") or 0, plan_id=task.plan_id).first()
    try:
        services.ask(
            kind=post.get("kind", ""), task=task, unit=user.unit, period=period, reason=post.get("reason", ""),
            wanted_due=_date(post.get("wanted_due", "")), user=user,
        )  # fmt: skip
    except LuoshiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "申请已提交，等待政府办审批。")
    return redirect(reverse("reporting:task", args=[task.pk]))


@roles.office_required
@require_http_methods(["POST"])
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = _requests_for(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404("没有这份申请。")
    try:
        services.decide(
            item, request.user, approve=request.POST.get("decision") == "approve", note=request.POST.get("note", "")
        )
    except LuoshiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已审批。")
    return redirect(reverse("supervision:requests"))


# --------------------------------------------------------------------------- the ladder


class LadderForm(forms.ModelForm):
    class Meta:
        model = Ladder
        exclude = ("government", "version")

    def clean_after_days(self) -> str:
        value: str = self.cleaned_data["after_days"]
        parts = [p.strip() for p in value.replace("，", ",").split(",") if p.strip()]
        if not parts or not all(p.isdigit() and 0 < int(p) <= 365 for p in parts):
            raise forms.ValidationError("请填写用逗号分隔的天数，如 1,3,7。")
        return ",".join(str(int(p)) for p in parts)


@roles.office_required
@require_http_methods(["GET", "POST"])
def ladder(request: HttpRequest) -> HttpResponse:
    """The office's reminder ladder for its own government."""
    user: Any = request.user
    if user.government_id is None:
        raise Http404("请先为账号指定所属政府。")
    current = Ladder.objects.filter(government_id=user.government_id).first() or Ladder(
        government_id=user.government_id
    )
    before = trail.snapshot(current) if current.pk else None
    form = LadderForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.version += 1 if saved.pk else 0
        saved.save()
        trail.record(
            user,
            "ladder",
            saved,
            before=before,
            after=trail.snapshot(saved),
            government_id=user.government_id,
            summary="修改提醒规则",
        )
        messages.success(request, "已保存提醒规则。")
        return redirect(reverse("supervision:ladder"))
    return render(request, "supervision/ladder.html", {"form": form}, status=400 if form.errors else 200)
