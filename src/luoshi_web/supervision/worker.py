"""The background worker: the job queue's worker and, beside it, the scheduler (``tick`` every minute).

Jobs run in this process, never in the web server's. Several workers may run on several machines
against one PostgreSQL database: each job is taken by one of them (row locks, SKIP LOCKED), and the
scheduler's messages are unique by key, so several schedulers never say one thing twice.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections

log = logging.getLogger("luoshi_web.worker")


def run_scheduler(stop: threading.Event, every: float) -> None:
    """Run ``tick`` every ``every`` seconds until ``stop`` is set; a failed run is logged and the next one tried."""
    from luoshi_web.supervision.tick import tick

    while not stop.is_set():
        try:
            tick()
        except Exception:
            log.exception("调度运行失败")
        finally:
            close_old_connections()
        stop.wait(every)


def make_worker(*, batch: bool = False, interval: float = 1.0) -> Any:
    from django_tasks_db.management.commands.db_worker import Worker

    worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}"
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_jobs() -> int:
    """Run every job waiting in the queue in this process, then return how many ran (tests, ``worker --once``).

    The same steps as the worker's loop (take the next ready job under a row lock, claim it, run it),
    without its connection recycling, which would close a test's transaction.
    """
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = make_worker(batch=True, interval=0)
    count = 0
    while True:
        jobs = DBTaskResult.objects.ready().filter(backend_name="default")
        with exclusive_transaction(jobs.db):
            job = jobs.get_locked()
            if job is not None:
                job.claim(worker.worker_id)
        if job is None:
            return count
        worker.run_task(job)
        count += 1


def serve(*, scheduler: bool = True) -> None:
    """Run the worker until SIGTERM/SIGINT, with the scheduler in a thread beside it."""
    # Each job's start and end at INFO would fill the console of a demo; LOG_LEVEL=INFO shows them.
    logging.getLogger("django_tasks").setLevel(os.getenv("LOG_LEVEL", "WARNING").upper())
    stop = threading.Event()
    if scheduler:
        threading.Thread(
            target=run_scheduler, args=(stop, settings.LUOSHI_TICK_SECONDS), name="luoshi-scheduler", daemon=True
        ).start()
    worker = make_worker()
    worker.configure_signals()
    print(f"落实后台任务已启动（每 {settings.LUOSHI_TICK_SECONDS} 秒检查一次提醒；按 Ctrl+C 停止）", flush=True)
    try:
        worker.run()
    finally:
        stop.set()
