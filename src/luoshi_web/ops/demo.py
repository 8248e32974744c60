"""The demo data: the seed documents loaded through the same import and report flows the office uses.

- 鼓楼区 2021: ``001_…`` as the plan; the figures of ``002_…`` (the first-half report) as first-half
  progress of the tasks they speak of; the 进展情况 of ``000_…`` attachment 1 as year-end progress,
  each row given to the task whose words it shares; the judge runs on every report.
- 鼓楼区 2022: the plan draft of ``000_…`` attachment 4.
- 玄武区 2023: ``003_…``.
- One demo user per role; their passwords are generated once and kept in the data directory.

Rows are matched to tasks by shared words (``luoshi.judge.text.overlap``), never by seed-specific
rules; rows that match no task clearly are left out and counted.
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

from luoshi.judge.text import overlap
from luoshi.model import Observation
from luoshi.model import Plan as CorePlan
from luoshi.quantities.sentences import split_sentences
from luoshi.read import read_path
from luoshi.structure import parse_document
from luoshi_web.accounts.models import User
from luoshi_web.plans import importing
from luoshi_web.plans.models import Plan, Task, TaskUnit
from luoshi_web.reporting import services
from luoshi_web.reporting.models import Period
from luoshi_web.units.directory import guess_kind, guess_member_kind, name_key, tidy_name
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
        if cleaned and cleaned not in by_key[name_key(cleaned, government.name)]:
            by_key[name_key(cleaned, government.name)].append(cleaned)
    existing = {
        name_key(n, government.name): n
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


def _lead_unit(task: Task) -> Unit | None:
    lead = TaskUnit.objects.filter(task=task, role="lead").exclude(unit__kind="group").select_related("unit").first()
    return lead.unit if lead else None


def best_task(tasks: list[Task], words: str, threshold: float) -> Task | None:
    """The task sharing most of ``words``' two-character words, if clearly the best and above ``threshold``."""
    scored = sorted(((overlap(words, t.text), t.order, t) for t in tasks), key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][2]


def report(task: Task, period: Period, text: str, claimed: str, user: User) -> bool:
    unit = _lead_unit(task)
    if unit is None:
        return False
    figures = services.read_figures(text, period)
    base = services.latest_version(task, period, unit)
    services.submit(
        [services.Submission(task, text, claimed, figures, base)], period=period, unit=unit, user=user, source="import"
    )
    return True


def sentence_of(block_text: str, start: int) -> str:
    for s, e, sentence in split_sentences(block_text):
        if s <= start < e + 1:
            return sentence
    return ""


def half_year_progress(plan: Plan, period: Period, path: Path, user: User) -> tuple[int, int]:
    """The half-year report's figures, as progress of the tasks whose words their metrics share."""
    document = read_path(path)
    parsed = parse_document(document)
    tasks = list(plan.tasks.all())
    texts: dict[int, list[str]] = defaultdict(list)
    total = 0
    for part in parsed.parts:
        for obs in part.observations:
            total += 1
            task = _task_for_observation(tasks, obs)
            if task is None or obs.span is None:
                continue
            block = document.blocks[obs.span.block]
            sentence = sentence_of(getattr(block, "text", ""), obs.span.start).strip()
            if sentence and sentence not in texts[task.pk]:
                texts[task.pk].append(sentence)
    by_pk = {t.pk: t for t in tasks}
    done = sum(report(by_pk[pk], period, "；".join(parts) + "。", "", user) for pk, parts in texts.items())
    return done, total


def _task_for_observation(tasks: list[Task], obs: Observation) -> Task | None:
    metric = (obs.metric or "").strip()
    if len(metric) < 3:
        return None
    return best_task(tasks, metric, threshold=0.75)


def year_end_progress(plan: Plan, period: Period, path: Path, user: User) -> tuple[int, int]:
    """The 进展情况 of a year-end status table, each row given to the task whose words it shares."""
    parsed = parse_document(read_path(path))
    tasks = list(plan.tasks.all())
    rows = [t for p in parsed.parts if p.kind == "status_table" for t in p.tasks if t.progress]
    used: set[int] = set()
    done = 0
    for row in rows:
        task = best_task([t for t in tasks if t.pk not in used], row.text, threshold=0.5)
        if task is None:
            continue
        claimed = row.status if row.status in ("是", "否", "部分未达") else ""
        if report(task, period, row.progress or "", claimed, user):
            used.add(task.pk)
            done += 1
    return done, len(rows)


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
    gulou, _ = Government.objects.get_or_create(name="鼓楼区", defaults={"full_name": "南京市鼓楼区人民政府"})
    xuanwu, _ = Government.objects.get_or_create(name="玄武区", defaults={"full_name": "南京市玄武区人民政府"})
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
    plan_001 = parse_document(read_path(seed("001", seeds)))
    table_000 = parse_document(read_path(seed("000", seeds)))
    draft = [i for i, p in enumerate(table_000.parts) if p.kind == "development_plan"]
    seed_directory(gulou, printed_names(plan_001) + printed_names(table_000))
    plan = import_document(seed("001", seeds), gulou, system)
    say(f"鼓楼区：导入《{plan.title}》，{plan.tasks.count()}项任务。")
    half = period(plan, "2021年上半年", "half", dt.date(2021, 6, 30), dt.date(2021, 7, 10))
    year = period(plan, "2021年全年", "year", dt.date(2021, 12, 31), dt.date(2022, 1, 10))
    reporter = User.objects.filter(username="office").first()
    assert reporter is not None
    done, total = half_year_progress(plan, half, seed("002", seeds), reporter)
    say(f"  上半年进展：{seed('002', seeds).name} 的 {total} 个数据中，归入 {done} 项任务。")
    done, total = year_end_progress(plan, year, seed("000", seeds), reporter)
    say(f"  全年进展：{seed('000', seeds).name} 执行情况表 {total} 行中，{done} 行对应到任务。")
    half.closed_at = dt.datetime(2021, 7, 31, tzinfo=dt.UTC)
    half.save()
    if draft:
        plan_2022 = import_document(seed("000", seeds), gulou, system, parts=draft)
        period(plan_2022, "2022年上半年", "half", dt.date(2022, 6, 30), dt.date(2022, 7, 10))
        say(f"鼓楼区：导入《{plan_2022.title}》，{plan_2022.tasks.count()}项任务。")
    plan_003 = parse_document(read_path(seed("003", seeds)))
    seed_directory(xuanwu, printed_names(plan_003))
    plan_xw = import_document(seed("003", seeds), xuanwu, system_xw)
    period(plan_xw, "2023年上半年", "half", dt.date(2023, 6, 30), dt.date(2023, 7, 10))
    say(f"玄武区：导入《{plan_xw.title}》，{plan_xw.tasks.count()}项任务。")


def describe_logins(logins: list[tuple[str, str, str]]) -> Any:
    width = max(len(label) for label, _, _ in logins)
    return "\n".join(f"  {label.ljust(width)}  用户名 {u:<8} 密码 {p}" for label, u, p in logins)
