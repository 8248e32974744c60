"""The demo data: the seed documents loaded through the same import and report flows the office uses.

- 鼓楼区 2021: ``001_…`` as the plan; the figures of ``002_…`` (the first-half report) as first-half
  progress of the tasks whose indicators they report; the 进展情况 of ``000_…``'s execution tables as
  year-end progress, each row given to the task it speaks of; the judge runs on every report.
- 鼓楼区 2022: the plan draft of ``000_…`` attachment 4.
- 玄武区 2023: ``003_…``.
- 南京市 above both districts, with an office user who compares them (read-only).
- One demo user per role; their passwords are generated once and kept in the data directory. The
  leader oversees (分管) 区科技局 and 区发改委.

The demo runs on its clock (``luoshi_web.clock``, 演示日期 8 January 2022): the half year was reported
by its due date, signed off and closed; the year-end reports came in during the first days of
January and await sign-off; the units that have not reported were reminded. Entries and reminders are
dated on that story, so the cockpit's lights, on-time rates and reminders read as a real year.

Rows and figures are matched to tasks by ``luoshi.match`` (indicators, lead unit, distinctive words),
never by seed-specific rules. Only confident matches are applied (band ``matched``: at the thresholds
measured on the hand-checked mappings, no row or figure reached a task it does not speak of); those
offered below confidence are the office's to confirm and are counted, not loaded; the rest are left
out. Each entry's note says which row or figure it came from and why. A row gives its task the words
of the sub-target it reports; the judge cites them under that sub-target only.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from luoshi import Plan as CorePlan
from luoshi import Task as CoreTask
from luoshi import (
    guess_kind,
    guess_member_kind,
    match_observations,
    match_tasks,
    parse_file,
    reported_figures,
    tidy_name,
    unit_key,
)
from luoshi_web import bridge
from luoshi_web.accounts.models import User
from luoshi_web.plans import importing
from luoshi_web.plans.models import Period, Plan, Task, TaskUnit
from luoshi_web.reporting import services
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Government, Unit, UnitAlias

SEEDS = Path(__file__).resolve().parents[3] / "examples" / "seeds"


def seed(prefix: str, seeds: Path = SEEDS) -> Path:
    (path,) = seeds.glob(f"{prefix}_*.txt")
    return path


@dataclass
class DemoReport:
    """What the demo loaded, for the command to print."""

    lines: list[str] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


# --------------------------------------------------------------------------- directory


def seed_directory(government: Government, names: Iterable[str]) -> None:
    """Units for the printed names: one unit per comparison key, the other spellings as aliases."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        cleaned = tidy_name(name)
        if cleaned and cleaned not in by_key[unit_key(cleaned, government.name)]:
            by_key[unit_key(cleaned, government.name)].append(cleaned)
    existing = {
        unit_key(n, government.name): n
        for n in Unit.objects.filter(government=government).values_list("name", flat=True)
    }
    for key, spellings in by_key.items():
        # The canonical name: the one with the district's prefix 区…, else the longest spelling.
        canonical = existing.get(key) or sorted(spellings, key=lambda s: (not s.startswith("区"), -len(s)))[0]
        kind = guess_kind(canonical)
        unit, _ = Unit.objects.get_or_create(
            government=government,
            name=canonical,
            defaults={"kind": kind, "member_kind": guess_member_kind(canonical) if kind == "group" else ""},
        )
        for spelling in spellings:
            if spelling != canonical:
                UnitAlias.objects.get_or_create(government=government, name=spelling, defaults={"unit": unit})


def printed_names(plan: CorePlan, parts: Iterable[int] | None = None) -> list[str]:
    chosen = set(parts) if parts is not None else set(range(len(plan.parts)))
    return [n for i, p in enumerate(plan.parts) if i in chosen for t in p.tasks for n in (*t.lead, *t.co)]


def import_document(
    path: Path, government: Government, office: User, *, parts: Iterable[int] | None = None, title: str | None = None
) -> Plan:
    """Import ``path`` through the office's import flow, every printed name settled by the directory."""
    data = path.read_bytes()
    contract = importing.parse_upload(data, path.name)
    preview = importing.build_preview(contract, government, path.name)
    if parts is not None:
        wanted = set(parts)
        for part in preview["parts"]:
            part["selected"] = part["index"] in wanted
        importing._retitle(preview, government, path.name)
    if title:
        preview["title"] = title
    preview["target_plan_id"] = None
    for name in preview["names"]:
        if not name["decision"]:
            name["decision"] = f"new:{name['kind_guess']}"
    return importing.confirm(preview, office)


# --------------------------------------------------------------------------- progress


def plan_tasks(plan: Plan) -> tuple[list[Task], list[CoreTask]]:
    """The plan's tasks, and each as the core sees it (text, lead and co-units as printed, indicators)."""
    tasks = list(plan.tasks.prefetch_related("indicators", "assignments").order_by("order"))
    core = []
    for task in tasks:
        units = sorted(task.assignments.all(), key=lambda a: a.order)
        core.append(
            bridge.core_task(
                task,
                indicators=task.indicators.all(),
                lead=[a.printed_name for a in units if a.role == "lead"],
                co=[a.printed_name for a in units if a.role == "co"],
            )
        )
    return tasks, core


def directory_key(government: Government) -> Callable[[str], str]:
    """Unit names compared as the directory knows them: an alias is its unit's canonical name."""
    directory = Directory.load(government)

    def key(printed: str) -> str:
        resolution = directory.resolve(printed)
        return unit_key(resolution.unit_name if resolution.resolved else tidy_name(printed))

    return key


def _lead_unit(task: Task) -> Unit | None:
    lead = TaskUnit.objects.filter(task=task, role="lead").exclude(unit__kind="group").select_related("unit").first()
    return lead.unit if lead else None


def report(task: Task, period: Period, text: str, claimed: str, user: User, note: str = "") -> bool:
    unit = _lead_unit(task)
    if unit is None:
        return False
    figures = services.read_figures(text, period, task)
    base = services.latest_version(task, period, unit)
    services.submit(
        [services.Submission(task, text, claimed, figures, base, note)],
        period=period,
        unit=unit,
        user=user,
        source="import",
    )
    return True


def half_year_progress(plan: Plan, period: Period, path: Path, user: User) -> tuple[int, int, int, int]:
    """The half-year report's figures, each as progress of the task one of whose indicators it reports.

    Only confident matches are applied (``luoshi.match`` band ``matched``); a figure whose best task is
    below confidence is the office's to confirm and is not loaded. Returns the figures read, the
    figures given to a task, the tasks that got any, and the figures left for the office to confirm.
    """
    figures = reported_figures(path)
    observations = [obs for obs, _ in figures]
    tasks, core = plan_tasks(plan)
    clauses: dict[int, list[str]] = defaultdict(list)
    reasons: dict[int, list[str]] = defaultdict(list)
    placed = offered = 0
    for (_, clause), found in zip(figures, match_observations(observations, core, offer=True), strict=True):
        if found is not None and found.band == "offered":
            offered += 1
            continue
        if found is None or not clause:
            continue
        placed += 1
        if clause not in clauses[found.index]:
            clauses[found.index].append(clause)
            reasons[found.index].extend(r for r in found.reasons if r not in reasons[found.index])
    done = 0
    for index, parts in clauses.items():
        note = f"由{path.name}的数据对应（{'；'.join(reasons[index])}）"
        done += report(tasks[index], period, "；".join(parts) + "。", "", user, note)
    return len(observations), placed, done, offered


_WORST_FIRST = ("否", "部分未达", "是")


def year_end_progress(plan: Plan, period: Period, path: Path, user: User) -> list[tuple[str, int, int, int]]:
    """The 进展情况 of each status table, row by row given to the task it speaks of (``luoshi.match``).

    Returns, per table, its title, its rows with progress, the rows given to a task and the rows whose
    best task is below confidence (offered to the office to confirm, not loaded). Rows matching one
    task are reported together; the status claimed is the worst of theirs.
    """
    parsed = parse_file(path)
    tasks, core = plan_tasks(plan)
    key = directory_key(plan.government)
    found_rows: dict[int, list[tuple[CoreTask, str]]] = defaultdict(list)
    counts = []
    for part in parsed.parts:
        if part.kind != "status_table":
            continue
        rows = [t for t in part.tasks if t.progress]
        matched = offered = 0
        for row, found in zip(rows, match_tasks(rows, core, key=key, offer=True), strict=True):
            if found is not None and found.band == "offered":
                offered += 1
            elif found is not None:
                matched += 1
                found_rows[found.index].append((row, f"{part.title or ''}第{row.number}行：{'；'.join(found.reasons)}"))
        counts.append((part.title or "", len(rows), matched, offered))
    for index, matched_rows in found_rows.items():
        text = "\n".join(row.progress or "" for row, _ in matched_rows)
        statuses = [row.status for row, _ in matched_rows if row.status in _WORST_FIRST]
        claimed = min(statuses, key=_WORST_FIRST.index) if statuses else ""
        note = "由执行情况表对应（" + "｜".join(why for _, why in matched_rows) + "）"
        report(tasks[index], period, text, claimed, user, note)
    return counts


# --------------------------------------------------------------------------- users


def demo_users(gulou: Government, xuanwu: Government, data_dir: Path) -> list[tuple[str, str, str]]:
    """One user per role; passwords generated once and kept (readable only by the owner) in the data dir."""
    store = data_dir / "demo_logins.txt"
    known: dict[str, str] = {}
    if store.exists():
        for line in store.read_text(encoding="utf-8").splitlines():
            username, _, password = line.partition("\t")
            known[username] = password
    keji = Unit.objects.get(government=gulou, name="区科技局")
    fagai = Unit.objects.get(government=gulou, name="区发改委")
    people = [
        ("office", "王主任", User.OFFICE, gulou, None, "鼓楼区政府办/督查室"),
        ("leader", "李区长", User.LEADER, gulou, None, "鼓楼区领导"),
        ("keji", "张联络员", User.LIAISON, gulou, keji, "区科技局联络员"),
        ("fagai", "赵联络员", User.LIAISON, gulou, fagai, "区发改委联络员"),
        ("xuanwu", "孙主任", User.OFFICE, xuanwu, None, "玄武区政府办"),
        ("nanjing", "周处长", User.OFFICE, xuanwu.parent, None, "南京市政府办（只读各区）"),
    ]
    logins = []
    for username, name, role, government, unit, label in people:
        password = known.get(username) or secrets.token_urlsafe(9)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": name, "role": role, "government": government, "unit": unit}
        )
        if created or username not in known:
            user.set_password(password)
            user.save()
        known[username] = password
        logins.append((label, username, password))
        if username == "leader":
            user.oversees.add(keji, fagai)
    data_dir.mkdir(parents=True, exist_ok=True)
    store.write_text("".join(f"{u}\t{p}\n" for u, p in known.items()), encoding="utf-8")
    store.chmod(0o600)
    return logins


# --------------------------------------------------------------------------- all of it


def period(plan: Plan, name: str, kind: str, end: dt.date, due: dt.date, *, closed: bool = False) -> Period:
    from django.utils import timezone

    created, _ = Period.objects.get_or_create(
        plan=plan, name=name, defaults={"kind": kind, "start": dt.date(end.year, 1, 1), "end": end, "due": due}
    )
    if closed and created.closed_at is None:
        created.closed_at = timezone.now()
        created.save()
    return created


def load(seeds: Path = SEEDS, data_dir: Path | None = None, say: Callable[[str], None] = print) -> DemoReport:
    """Load everything (once: a second run only prints the logins)."""
    result = DemoReport()
    data_dir = data_dir or Path(settings.DATA_DIR)
    nanjing, _ = Government.objects.get_or_create(
        name="南京市", defaults={"full_name": "南京市人民政府", "level": "city"}
    )
    gulou, _ = Government.objects.get_or_create(
        name="鼓楼区", defaults={"full_name": "南京市鼓楼区人民政府", "parent": nanjing}
    )
    xuanwu, _ = Government.objects.get_or_create(
        name="玄武区", defaults={"full_name": "南京市玄武区人民政府", "parent": nanjing}
    )
    if not Plan.objects.filter(government=gulou).exists():
        with transaction.atomic():
            _load_plans(gulou, xuanwu, seeds, say)
    else:
        say("演示数据已存在，跳过载入。")
    result.logins = demo_users(gulou, xuanwu, data_dir)
    return result


def _load_plans(gulou: Government, xuanwu: Government, seeds: Path, say: Callable[[str], None]) -> None:
    system = User.objects.filter(username="office").first() or User.objects.create_user(
        "office", first_name="王主任", role=User.OFFICE, government=gulou
    )
    system_xw = User.objects.filter(username="xuanwu").first() or User.objects.create_user(
        "xuanwu", first_name="孙主任", role=User.OFFICE, government=xuanwu
    )
    plan_001 = parse_file(seed("001", seeds))
    table_000 = parse_file(seed("000", seeds))
    draft = [i for i, p in enumerate(table_000.parts) if p.kind == "development_plan"]
    seed_directory(gulou, printed_names(plan_001) + printed_names(table_000))
    plan = import_document(seed("001", seeds), gulou, system)
    say(f"鼓楼区：导入《{plan.title}》，{plan.tasks.count()}项任务。")
    half = period(plan, "2021年上半年", "half", dt.date(2021, 6, 30), dt.date(2021, 7, 10))
    year = period(plan, "2021年全年", "year", dt.date(2021, 12, 31), dt.date(2022, 1, 10))
    reporter = User.objects.filter(username="office").first()
    assert reporter is not None
    total, placed, done, offered = half_year_progress(plan, half, seed("002", seeds), reporter)
    say(
        f"  上半年进展：{seed('002', seeds).name} 的 {total} 个数据中，{placed} 个对应到任务指标，归入 {done} 项任务"
        f"；另有 {offered} 个把握不足，待办公室确认，未载入。"
    )
    for title, rows, matched, unsure in year_end_progress(plan, year, seed("000", seeds), reporter):
        say(
            f"  全年进展：{seed('000', seeds).name}《{title}》{rows} 行中，{matched} 行对应到任务"
            f"；另有 {unsure} 行把握不足，待办公室确认，未载入。"
        )
    date_reports(half)
    date_reports(year)
    sign_off_all(half, reporter)
    half.closed_at = dt.datetime(2021, 7, 31, tzinfo=dt.UTC)
    half.save()
    say(f"  上半年：{half.statuses.filter(signed__isnull=False).count()}项结论已审核签发，周期已关闭。")
    reminded = remind_missing(year, reporter)
    say(f"  全年：{reminded}个单位尚未报送，已催办。")
    if draft:
        plan_2022 = import_document(seed("000", seeds), gulou, system, parts=draft)
        period(plan_2022, "2022年上半年", "half", dt.date(2022, 6, 30), dt.date(2022, 7, 10))
        say(f"鼓楼区：导入《{plan_2022.title}》，{plan_2022.tasks.count()}项任务。")
    plan_003 = parse_file(seed("003", seeds))
    seed_directory(xuanwu, printed_names(plan_003))
    plan_xw = import_document(seed("003", seeds), xuanwu, system_xw)
    period(plan_xw, "2023年上半年", "half", dt.date(2023, 6, 30), dt.date(2023, 7, 10))
    say(f"玄武区：导入《{plan_xw.title}》，{plan_xw.tasks.count()}项任务。")


def _at(day: dt.date, hour: int) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def date_reports(period: Period) -> None:
    """Date the period's imported reports the day before its due date (or before the demo's date, if earlier)."""
    from luoshi_web import clock
    from luoshi_web.reporting.models import ProgressEntry

    day = min(period.due, clock.today()) - dt.timedelta(days=1)
    ProgressEntry.objects.filter(period=period).update(submitted_at=_at(day, 17))


def sign_off_all(period: Period, user: User) -> None:
    """The office signs off every report of ``period`` as the judge found it (the half year was reviewed)."""
    from luoshi_web.reporting.models import TaskStatus
    from luoshi_web.review import signing

    for status in TaskStatus.objects.filter(period=period, state=TaskStatus.SUBMITTED).select_related(
        "task__plan", "judged"
    ):
        if status.judged is not None:
            signing.sign_off(status.task, period, value=status.judged.value, note="", version=status.version, user=user)


def remind_missing(period: Period, user: User) -> int:
    """A reminder to each unit leading a task with no report for ``period``, dated two days before the due date."""
    from luoshi_web import clock
    from luoshi_web.reporting.models import ProgressEntry
    from luoshi_web.review.models import Reminder

    reported = ProgressEntry.objects.filter(period=period).values("task_id")
    missing = TaskUnit.objects.filter(role="lead", task__plan=period.plan, task__withdrawn=False).exclude(
        task__in=reported
    )
    units = Unit.objects.filter(pk__in=missing.values("unit_id")).exclude(kind="group").order_by("sort_order", "name")
    due = f"{period.due.month}月{period.due.day}日"
    made = [
        Reminder.objects.create(
            government=period.plan.government,
            unit=unit,
            period=period,
            message=f"请于{due}前报送“{period.name}”牵头任务的进展情况。",
            sent_by=user,
        )
        for unit in units
    ]
    day = min(period.due - dt.timedelta(days=3), clock.today() - dt.timedelta(days=1))
    Reminder.objects.filter(pk__in=[r.pk for r in made]).update(created_at=_at(day, 9))
    return len(made)


def describe_logins(logins: list[tuple[str, str, str]]) -> Any:
    width = max(len(label) for label, _, _ in logins)
    return "\n".join(f"  {label.ljust(width)}  用户名 {u:<8} 密码 {p}" for label, u, p in logins)
