"""``python -m luoshi_web demo|serve|backup|restore|manage …``: run the web app without a manage.py.

- ``demo``: create the data directory, migrate, load the demo (once), print the demo logins and serve
  on http://127.0.0.1:8000/ with waitress (``--host``/``--port``; ``--no-serve`` to only load).
- ``serve``: migrate and serve (production: set DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS).
- ``worker``: the background jobs (reminders, escalations, digests) and the scheduler beside them;
  ``--no-scheduler`` for extra workers, ``--once`` to run what is queued and exit.
- ``tick [--now DATETIME]``: run the scheduler once and exit (for cron, and for tests).
- ``backup FILE.zip`` / ``restore FILE.zip [--force]``: all data and stored files.
- ``manage ARGS…``: any Django management command (createsuperuser, shell, …).
"""

from __future__ import annotations

import argparse
import os
import sys


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
    import datetime as dt

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m luoshi_web", description="落实 Web 应用")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("demo", "载入演示数据并启动"), ("serve", "启动 Web 应用")):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--host", default=os.getenv("LUOSHI_HOST", "127.0.0.1"))
        p.add_argument("--port", type=int, default=int(os.getenv("LUOSHI_PORT", "8000")))
        p.add_argument("--threads", type=int, default=int(os.getenv("LUOSHI_THREADS", "8")))
        if name == "demo":
            p.add_argument("--no-serve", action="store_true", help="只载入数据，不启动服务")
    worker = sub.add_parser(
        "worker",
        help="运行后台任务（提醒、升级、汇总）",
        description="运行后台任务进程：执行队列中的任务，并每分钟检查应发的提醒",
    )
    worker.add_argument("--no-scheduler", action="store_true", help="只执行任务，不检查提醒（增开的进程用）")
    worker.add_argument("--once", action="store_true", help="执行完队列中已有的任务后退出")
    tick = sub.add_parser(
        "tick", help="检查一次应发的提醒", description="检查一次应发的提醒并放入任务队列，然后退出（供 cron 使用）"
    )
    tick.add_argument("--now", help="按这个时间检查（YYYY-MM-DD 或 YYYY-MM-DDTHH:MM），默认现在")
    backup = sub.add_parser("backup", help="备份全部数据", description="备份全部数据（数据库与附件）到 zip 文件")
    backup.add_argument("file")
    restore = sub.add_parser("restore", help="从备份恢复", description="从备份恢复全部数据（覆盖现有数据）")
    restore.add_argument("file")
    restore.add_argument("--force", action="store_true")
    manage = sub.add_parser("manage", help="运行 Django 管理命令", description="运行 Django 管理命令")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    _setup()
    from django.core.management import call_command, execute_from_command_line

    if args.command == "manage":
        execute_from_command_line(["python -m luoshi_web", *args.args])
        return 0
    if args.command == "backup":
        _migrate()
        call_command("luoshi_backup", args.file)
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
    if args.command == "restore":
        call_command("luoshi_restore", args.file, *(["--force"] if args.force else []))
        return 0
    _migrate()
    if args.command == "demo":
        from django.conf import settings

        print(f"数据目录：{settings.DATA_DIR}", flush=True)
        call_command("luoshi_demo")
        if args.no_serve:
            return 0
    _serve(args.host, args.port, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
