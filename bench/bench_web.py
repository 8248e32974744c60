"""The web app at province scale: every page and API list, per role, against ``/healthz`` in the same run.

Builds (once, in PostgreSQL) a province above 9 cities above 90 districts — 100 governments, each with
a plan of 80 tasks and 12 monthly periods holding reports, figures, verdicts and statuses
(``luoshi_web.ops.scale``) — then serves it with gunicorn as docs/deploy.md runs it (4 sync workers, the
application loaded before they fork: ``--preload``; the production settings: ``DATABASE_URL``, persistent
connections) and requests every page with a small load generator
(closed loop, ``--concurrency`` clients, keep-alive where the server allows), once every worker has
opened its database connection (untimed requests to ``/healthz``). For each page and role
it prints p50 and p95 of the response time and the p95's ratio to ``/healthz``'s p95, measured in
the same run; and, in-process with Django's test client, the SQL queries the page makes with the cache empty
(its figures computed) and filled (what it keeps read back), and its median time without HTTP.

Goal: every page's p95 ≤ 10 × /healthz's p95.

Run: ``python bench/bench_web.py`` (PostgreSQL at ``--database``, default
postgres://postgres@127.0.0.1:5432/luoshi_bench; ``--rebuild`` to build the data set again,
``--small`` for a quick run on 1 + 2 × 3 governments). ``bash scripts/bench --web`` runs it too.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/luoshi_bench"
CLOCK = "2022-01-15"  # every monthly period of 2021 has ended and been reported
GOAL = 10.0


def prepare_database(url: str) -> None:
    """Create the benchmark's database if it does not exist."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str, secret: str, data_dir: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "luoshi_web.settings",
            "LUOSHI_DEMO_DATE": CLOCK,
            "SECRET_KEY": secret,
            "LUOSHI_DATA_DIR": data_dir,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
        }
    )
    import django

    django.setup()


def build(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from luoshi_web.units.models import Government

    call_command("migrate", interactive=False, verbosity=0)
    if Government.objects.filter(name="江东省").exists() and not args.rebuild:
        print(f"数据已存在：{Government.objects.count()} 个政府（--rebuild 重建）", flush=True)
        return
    from luoshi_web.ops import scale

    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    cities, districts = (2, 3) if args.small else (9, 10)
    scale.build(cities=cities, districts_per_city=districts, tasks=args.tasks, periods=args.periods)
    # As autovacuum leaves a live database: statistics for the planner, and the visibility map that lets an index
    # answer without reading the rows (the state fingerprints' index-only scans).
    call_command("shell", command="from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
    print(f"已建数据：{Government.objects.count()} 个政府，用时 {time.perf_counter() - started:.0f} 秒", flush=True)


@dataclass(frozen=True)
class Page:
    role: str
    label: str
    url: str


def pages() -> list[Page]:
    """Every page and API list, per role, with the ids of the data set."""
    from django.urls import reverse

    from luoshi_web.accounts.models import User
    from luoshi_web.plans.models import Plan

    district = User.objects.get(username="district_office").government
    plan = Plan.objects.get(government=district)
    other = Plan.objects.exclude(government=district).filter(government__level="county").first()
    assert other is not None
    period = plan.periods.order_by("end").last()
    task = plan.tasks.order_by("order")[3]
    unit = task.assignments.get(role="lead").unit
    p = reverse
    plan_url = p("reporting:plan", args=[plan.pk])
    out = [Page("匿名", "/healthz", p("healthz"))]
    for role in ("省级政府办", "区政府办"):
        out += [
            Page(role, "首页（驾驶舱/各地对比）", p("home")),
            Page(role, "各地对比（按滞后排序）", p("dashboard:compare") + "?sort=behind"),
            Page(role, "区方案驾驶舱", p("dashboard:plan", args=[plan.pk])),
            Page(role, "区方案任务清单（第2页）", plan_url + "?page=2"),
            Page(role, "任务清单·滞后筛选", plan_url + f"?period={period.pk}&standing=behind"),
            Page(role, "任务详情", p("reporting:task", args=[task.pk])),
            Page(role, "单位全年情况", p("dashboard:unit", args=[unit.pk]) + f"?plan={plan.pk}"),
            Page(role, "督查通报页", p("dashboard:notice", args=[plan.pk, period.pk])),
            Page(role, "方案列表", p("plans:list")),
            Page(role, "单位目录", p("units:list")),
            Page(role, "API 方案列表", p("api:plans")),
            Page(role, "API 方案任务", p("api:plan_tasks", args=[plan.pk]) + f"?period={period.pk}"),
            Page(role, "API 周期状态", p("api:period_statuses", args=[period.pk])),
            Page(role, "API 单位", p("api:units")),
        ]
    out += [
        Page("省级政府办", "另一区的驾驶舱", p("dashboard:plan", args=[other.pk])),
        Page("区政府办", "审核（督办分支负责分页）", p("review:queue")),
        Page("区领导（分管）", "首页（驾驶舱）", p("home")),
        Page("联络员", "我的任务", p("reporting:mine")),
        Page("联络员", "方案（本单位任务）", plan_url),
        Page("联络员", "API 方案任务", p("api:plan_tasks", args=[plan.pk])),
    ]
    Plan.objects.filter(pk=plan.pk).update(public=True)
    out.append(Page("匿名", "政务公开页", p("dashboard:public", args=[plan.pk])))
    return out


USERS = {
    "省级政府办": "province_office",
    "区政府办": "district_office",
    "区领导（分管）": "district_leader",
    "联络员": "district_liaison",
}


@dataclass(frozen=True)
class InProcess:
    status: int
    queries: int  # the first request's, the cache empty: the figures computed
    kept_queries: int  # once what the page keeps is in the cache
    ms: float  # median of ``IN_PROCESS`` requests through the test client, the cache filled (no HTTP)
    kb: int


IN_PROCESS = 10


def in_process(items: list[Page]) -> dict[Page, InProcess]:
    """Each page requested in-process (Django's test client): its SQL queries with the cache empty and filled,
    and its time without HTTP."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    import luoshi_web.wsgi  # noqa: F401  # warmed and frozen as the server runs it (docs/deploy.md)
    from luoshi_web.accounts.models import User

    def counted(client: Client, url: str) -> tuple[Any, int]:
        """The response and the SQL queries it took (counted as they run: CaptureQueriesContext reads the
        connection's query log when asked, and the next request's start clears that log)."""
        queries = [0]

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        return response, queries[0]

    cache.clear()
    found = {}
    for item in items:
        client = Client()
        if item.role in USERS:
            client.force_login(User.objects.get(username=USERS[item.role]))
        response, queries = counted(client, item.url)
        _, kept = counted(client, item.url)
        times = []
        for _ in range(IN_PROCESS):
            started = time.perf_counter()
            client.get(item.url)
            times.append((time.perf_counter() - started) * 1000)
        found[item] = InProcess(
            response.status_code, queries, kept, statistics.median(times), len(response.content) // 1024
        )
    return found


def sessions() -> dict[str, str]:
    """A logged-in session cookie for each role."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from luoshi_web.accounts.models import User

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore  # as the server reads it
    cookies = {}
    for role, username in USERS.items():
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[role] = f"sessionid={store.session_key}"
    return cookies


def serve(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    bind = f"127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "--preload", "-w", str(workers), "-b", bind, "luoshi_web.wsgi"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn 未能启动：" + (server.stderr.read().decode() if server.stderr else ""))


def load(port: int, url: str, cookie: str | None, requests: int, concurrency: int) -> list[float]:
    """Response times (ms) of ``requests`` GETs by ``concurrency`` clients, after a warm-up."""
    headers = {"Cookie": cookie} if cookie else {}
    times: list[float] = []
    lock = threading.Lock()
    remaining = [requests]
    errors: list[str] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(2):  # warm-up
            _get(conn, url, headers)
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            started = time.perf_counter()
            status = _get(conn, url, headers)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                if status != 200:
                    errors.append(f"{url}: HTTP {status}")

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(errors[0])
    return times


def _get(conn: http.client.HTTPConnection, url: str, headers: dict[str, str]) -> int:
    try:
        conn.request("GET", url, headers=headers)
        response = conn.getresponse()
        response.read()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        conn.close()
        conn.request("GET", url, headers=headers)
        response = conn.getresponse()
        response.read()
    if response.getheader("Connection", "").lower() == "close":
        conn.close()
    return response.status


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=os.getenv("LUOSHI_BENCH_DB", DEFAULT_DB))
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data set")
    parser.add_argument("--small", action="store_true", help="1 + 2 × 3 governments instead of 100")
    parser.add_argument("--tasks", type=int, default=80)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    parser.add_argument("--concurrency", type=int, default=2, help="clients at once (the machine's cores)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args(argv)

    prepare_database(args.database)
    secret = secrets.token_urlsafe(40)
    data_dir = tempfile.mkdtemp(prefix="luoshi-bench-")
    setup_django(args.database, secret, data_dir)
    build(args)
    items = pages()
    counts = in_process(items)
    cookies = sessions()
    from django.db import connections

    connections.close_all()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = serve(args.port, args.workers, env)
    try:
        health = next(i for i in items if i.url == "/healthz")
        results: dict[Page, list[float]] = {health: []}
        ordered = [i for i in items if i is not health]
        half = len(ordered) // 2
        measure: Callable[[Page], list[float]] = lambda i: load(  # noqa: E731
            args.port, i.url, cookies.get(i.role), args.requests, args.concurrency
        )
        # Every worker opens its database connection on its first request: not timed (a server runs for days).
        load(args.port, health.url, None, 10 * args.workers, args.concurrency)
        # /healthz three times in the run (start, middle, end); its p95 is over all its samples.
        results[health] += measure(health)
        for item in ordered[:half]:
            results[item] = measure(item)
        results[health] += measure(health)
        for item in ordered[half:]:
            results[item] = measure(item)
        results[health] += measure(health)
    finally:
        server.terminate()
        server.wait(timeout=30)
    base = percentile(results[health], 95)
    print(
        f"\n{len([i for i in items])} 个页面，每页 {args.requests} 次请求，{args.concurrency} 个并发客户端；"
        f"gunicorn {args.workers} 个进程，PostgreSQL；时钟 {CLOCK}\n"
    )
    print("| 角色 | 页面 | p50 ms | p95 ms | p95 ÷ /healthz p95 | SQL 查询（缓存空 / 有） | 进程内 ms | KB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    failing = []
    for item in items:
        times = results[item]
        p95 = percentile(times, 95)
        ratio = p95 / base if base else 0.0
        found = counts[item]
        if item is not health and ratio > GOAL:
            failing.append(item)
        print(
            f"| {item.role} | {item.label} | {statistics.median(times):.1f} | {p95:.1f} | {ratio:.1f}× | "
            f"{found.queries} / {found.kept_queries} | {found.ms:.1f} | {found.kb} |"
        )
    print(f"\n目标：每页 p95 ≤ {GOAL:g} × /healthz p95（{base:.1f} ms）：", end="")
    print("全部达到。" if not failing else "未达到：" + "、".join(f"{i.role}·{i.label}" for i in failing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
