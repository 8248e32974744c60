"""``python -m luoshi_web demo|serve|backup|restore|manage …``: run the web app without a manage.py.

- ``demo``: create the data directory, migrate, load the demo (once), start the worker beside the web
  server (stopped with it), set the demo clock (演示日期, the
  date the demo's documents describe, kept in the data directory), print the demo logins and serve
  on http://127.0.0.1:8000/ with waitress (``--host``/``--port``; ``--no-serve`` to only load;
  ``--reset`` to start the demo afresh; ``--date`` for another demo date).
- ``serve``: migrate and serve (production: set DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS).
- ``worker``: the background jobs (reminders, escalations, digests) and the scheduler beside them;
  ``--no-scheduler`` for extra workers, ``--once`` to run what is queued and exit.
- ``tick [--now DATETIME]``: run the scheduler once and exit (for cron, and for tests).
- ``backup FILE.zip`` / ``restore FILE.zip [--force]``: all data and stored files.
- ``manage ARGS…``: any Django management command (createsuperuser, shell, …).

The help is in Chinese, every sub-command with an example (``python -m luoshi_web demo --help``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# The date the demo's documents describe: the 2021 plan's year-end reports are in, the half year closed.
DEMO_DATE = dt.date(2022, 1, 8)


class ChineseHelp(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its own words in Chinese (用法、参数、选项)."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "用法：")


def _parser(prog: str, description: str, example: str, **kwargs: Any) -> dict[str, Any]:
    return {
        "prog": prog,
        "description": description,
        "epilog": "例：\n  " + example,
        "formatter_class": ChineseHelp,
        "add_help": False,
        **kwargs,
    }


def _chinese(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return parser


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    import django
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    django.setup()


def _serve(host: str, port: int, threads: int) -> None:
    import waitress
    from django.conf import settings

    from luoshi_web.wsgi import application

    print(f"落实已启动：http://{host}:{port}/  （按 Ctrl+C 停止）", flush=True)
    # Behind trusted proxies the app reads X-Forwarded-For/-Proto itself (accounts.throttle.client_ip):
    # waitress must pass them on rather than drop them as untrusted.
    behind_proxies = settings.TRUSTED_PROXY_COUNT > 0
    waitress.serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="luoshi",
        clear_untrusted_proxy_headers=not behind_proxies,
    )


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _tick(when: str | None) -> int:
    from luoshi_web.supervision.tick import tick

    now = None
    if when:
        try:
            now = dt.datetime.fromisoformat(when)
        except ValueError:
            print(f"--now 应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM 形式的时间，而不是“{when}”。", file=sys.stderr)
            return 2
    _migrate()
    done = tick(now)
    print(f"{done['date']}：新提醒 {done['stored']} 条，重新派发 {done['requeued']} 条。", flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _chinese(
        argparse.ArgumentParser(
            **_parser(
                "python -m luoshi_web",
                "落实 Web 应用：载入演示、启动服务、备份与恢复、运行管理命令。各子命令的说明：python -m luoshi_web 子命令 --help",
                "python -m luoshi_web demo          # 载入演示数据并在 http://127.0.0.1:8000/ 启动",
            )
        )
    )
    sub = parser.add_subparsers(dest="command", required=True, title="子命令", metavar="子命令")
    _add_serving(sub)
    _add_background(sub)
    _add_data(sub)
    return parser


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str, description: str, example: str
) -> argparse.ArgumentParser:
    """A sub-command with its short help, its Chinese description and an example."""
    return _chinese(sub.add_parser(name, help=text, **_parser(f"python -m luoshi_web {name}", description, example)))


def _add_serving(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """demo and serve: the web server's address and threads; the demo's reset and date."""
    for name, text, example in (
        (
            "demo",
            "载入演示数据（鼓楼区、玄武区的真实文件）并启动；演示在其数据所描述的日期（演示日期）上运行",
            "python -m luoshi_web demo --port 8080\n  python -m luoshi_web demo --reset      # 删除演示数据，从头再来",
        ),
        (
            "serve",
            "迁移数据库并启动 Web 应用（生产环境请设置 DATABASE_URL、SECRET_KEY、ALLOWED_HOSTS）",
            "python -m luoshi_web serve --host 0.0.0.0 --port 8000 --threads 16",
        ),
    ):
        p = _command(sub, name, text, text, example)
        p.add_argument("--host", default=os.getenv("LUOSHI_HOST", "127.0.0.1"), help="监听地址（默认 127.0.0.1）")
        p.add_argument("--port", type=int, default=int(os.getenv("LUOSHI_PORT", "8000")), help="端口（默认 8000）")
        p.add_argument(
            "--threads", type=int, default=int(os.getenv("LUOSHI_THREADS", "8")), help="处理请求的线程数（默认 8）"
        )
        if name == "demo":
            p.add_argument("--no-serve", action="store_true", help="只载入数据，不启动服务")
            p.add_argument(
                "--reset",
                action="store_true",
                help="先删除数据目录中的全部演示数据（数据库、附件、演示日期；保留演示账号的密码），再重新载入",
            )
            p.add_argument(
                "--date",
                type=dt.date.fromisoformat,
                default=None,
                metavar="YYYY-MM-DD",
                help=f"演示日期（默认 {DEMO_DATE.isoformat()}，即演示数据所描述的日期；保存在数据目录中）",
            )


def _add_background(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """worker and tick: the job queue's process and the scheduler run once."""
    worker = _command(
        sub,
        "worker",
        "运行后台任务（提醒、升级、汇总）",
        "运行后台任务进程：执行任务队列中的任务（提醒推送等），并每分钟检查一次应发的提醒",
        "python -m luoshi_web worker\n  python -m luoshi_web worker --no-scheduler   # 增开的进程只执行任务",
    )
    worker.add_argument("--no-scheduler", action="store_true", help="只执行任务，不检查提醒（增开的进程用）")
    worker.add_argument("--once", action="store_true", help="执行完队列中已有的任务后退出")
    tick = _command(
        sub,
        "tick",
        "检查一次应发的提醒",
        "检查一次应发的提醒并放入任务队列，然后退出（供 cron 使用；同一时间运行两次也不会重复发送）",
        "python -m luoshi_web tick --now 2021-07-13T09:00",
    )
    tick.add_argument("--now", metavar="时间", help="按这个时间检查（YYYY-MM-DD 或 YYYY-MM-DDTHH:MM），默认现在")


def _add_data(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """backup, restore and manage."""
    backup = _command(
        sub,
        "backup",
        "备份全部数据",
        "备份全部数据（数据库与附件）到 zip 文件",
        "python -m luoshi_web backup 备份-2021-07-01.zip",
    )
    backup.add_argument("file", metavar="文件.zip", help="备份文件")
    restore = _command(
        sub,
        "restore",
        "从备份恢复",
        "从备份恢复全部数据（覆盖现有数据）",
        "python -m luoshi_web restore 备份-2021-07-01.zip --force",
    )
    restore.add_argument("file", metavar="文件.zip", help="备份文件")
    restore.add_argument("--force", action="store_true", help="数据库中已有数据时也恢复（先清空）")
    manage = _command(
        sub,
        "manage",
        "运行 Django 管理命令",
        "运行 Django 管理命令（createsuperuser、changepassword、shell 等）",
        "python -m luoshi_web manage createsuperuser",
    )
    manage.add_argument("args", nargs=argparse.REMAINDER, metavar="命令及参数", help="管理命令及其参数")


def reset_demo(data_dir: Path) -> None:
    """Remove the demo's data (database, stored files, staged uploads, demo date); keep the logins' passwords."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(settings.DATABASES["default"]["NAME"]) + suffix).unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    for folder in (Path(settings.MEDIA_ROOT), Path(settings.STAGING_DIR)):
        shutil.rmtree(folder, ignore_errors=True)
    (data_dir / "demo_date").unlink(missing_ok=True)


def set_demo_date(data_dir: Path, date: dt.date | None) -> dt.date:
    """The demo's date: the one asked for, else the one kept, else ``DEMO_DATE``; kept in the data directory."""
    from django.conf import settings

    path = data_dir / "demo_date"
    if date is None:
        try:
            date = dt.date.fromisoformat(path.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            date = DEMO_DATE
    path.write_text(date.isoformat(), encoding="ascii")
    settings.LUOSHI_DEMO_DATE = date.isoformat()
    return date


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    _setup()
    from django.conf import settings
    from django.core.management import call_command, execute_from_command_line

    if args.command == "manage":
        execute_from_command_line(["python -m luoshi_web", *args.args])
        return 0
    if args.command == "backup":
        _migrate()
        call_command("luoshi_backup", args.file)
        return 0
    if args.command == "restore":
        call_command("luoshi_restore", args.file, *(["--force"] if args.force else []))
        return 0
    if args.command == "worker":
        _migrate()
        from luoshi_web.supervision import worker as background

        if args.once:
            background.run_jobs()
        else:
            background.serve(scheduler=not args.no_scheduler)
        return 0
    if args.command == "tick":
        return _tick(args.now)
    if args.command == "demo":
        data_dir = Path(settings.DATA_DIR)
        if args.reset:
            reset_demo(data_dir)
            print("已删除演示数据，重新载入。", flush=True)
        _migrate()
        print(f"数据目录：{data_dir}", flush=True)
        date = set_demo_date(data_dir, args.date)
        call_command("luoshi_demo")
        print(
            f"演示日期：{date.year}年{date.month}月{date.day}日（演示数据所描述的日期，页面顶部显示；"
            f"换一个日期：python -m luoshi_web demo --date YYYY-MM-DD）。\n"
            "重置演示（删除全部演示数据后重新载入）：python -m luoshi_web demo --reset",
            flush=True,
        )
        if args.no_serve:
            return 0
        # The worker starts once the demo date is set, so its clock is the demo's (reminders of the demo's year).
        with _background_worker(date):
            _serve(args.host, args.port, args.threads)
        return 0
    _migrate()
    _serve(args.host, args.port, args.threads)
    return 0


@contextlib.contextmanager
def _background_worker(date: dt.date) -> Iterator[None]:
    """The worker process (jobs and the scheduler) beside the demo's web server, stopped with it."""
    env = {**os.environ, "LUOSHI_DEMO_DATE": date.isoformat()}
    worker = subprocess.Popen([sys.executable, "-m", "luoshi_web", "worker"], env=env)
    # Stopped by a signal (kill, the terminal closing), the server must still take its worker down with it.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(0))
    print(f"后台任务进程已启动（提醒、升级、汇总；进程号 {worker.pid}），随 Web 应用一同停止。", flush=True)
    try:
        yield
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main())
