"""Backup and restore: everything comes back, files included; a non-empty database is not overwritten by accident."""

from __future__ import annotations

import json
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from luoshi.errors import LuoshiError
from luoshi_web.audit import trail
from luoshi_web.audit.models import AuditEvent
from luoshi_web.ops.backup import MOVED_MODELS, backup, restore
from luoshi_web.plans.models import Plan, Task, TaskUnit
from luoshi_web.reporting import services
from luoshi_web.reporting.models import Attachment, Observation, ProgressEntry, TaskStatus, Verdict
from luoshi_web.test import make_world
from luoshi_web.units.models import Unit, UnitAlias

MODELS = (
    Plan,
    Task,
    TaskUnit,
    Unit,
    UnitAlias,
    ProgressEntry,
    Observation,
    Verdict,
    TaskStatus,
    Attachment,
    AuditEvent,
)


def snapshot() -> dict[str, Any]:
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}


@pytest.fixture
def world(transactional_db: None) -> Any:
    namespace = types.SimpleNamespace()
    make_world(namespace)
    text = "1-11月份有效发明专利拥有量12871件。"
    services.submit(
        [services.Submission(namespace.task_a, text, "是", services.read_figures(text, namespace.period), 0)],
        period=namespace.period,
        unit=namespace.unit_a,
        user=namespace.liaison_a,
        attachment=(b"%PDF-1.4 unit reply", "回复.pdf"),
    )
    trail.record(namespace.office, "update", namespace.task_a, before={"a": 1}, after={"a": 2})
    return namespace


def test_a_backup_restores_every_row_and_file(world: Any, tmp_path: Path) -> None:
    before = snapshot()
    verdict = TaskStatus.objects.get().judged.value
    archive = tmp_path / "备份.zip"
    counts = backup(archive)
    assert counts["files"] == 1
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert Plan.objects.count() == 0
    restore(archive)
    assert snapshot() == before
    stored = Attachment.objects.get()
    assert stored.file.read() == b"%PDF-1.4 unit reply"
    entry = ProgressEntry.objects.get()
    assert (entry.author.username, entry.observations.get().value) == ("liaison_a", 12871.0)
    assert TaskStatus.objects.get().judged.value == verdict


def test_a_restore_ends_every_session_kept_in_the_cache(world: Any, tmp_path: Path) -> None:
    archive = tmp_path / "备份.zip"
    backup(archive)
    client = Client()
    client.force_login(world.office)
    assert client.get("/").status_code == 200
    restore(archive, force=True)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_backup_taken_before_models_moved_app_restores(world: Any, tmp_path: Path) -> None:
    """Periods, adjustments, verdicts and statuses once lived in other apps; old archives name them so."""
    before = snapshot()
    archive = tmp_path / "new.zip"
    backup(archive)
    old_names = {new: old for old, new in MOVED_MODELS.items()}
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(old, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "data.json":
                records = json.loads(data)
                for record in records:
                    record["model"] = old_names.get(record["model"], record["model"])
                assert {r["model"] for r in records} >= {"review.verdict", "review.taskstatus", "reporting.period"}
                data = json.dumps(records, ensure_ascii=False).encode()
            target.writestr(name, data)
    call_command("flush", interactive=False, verbosity=0)
    restore(old)
    assert snapshot() == before
    assert TaskStatus.objects.get().period.name == world.period.name


def test_restoring_over_existing_data_needs_force(world: Any, tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    backup(archive)
    with pytest.raises(LuoshiError, match="--force"):
        restore(archive)
    restore(archive, force=True)
    assert Plan.objects.count() == 2


def test_a_file_that_is_not_a_backup_is_refused_in_chinese(transactional_db: None, tmp_path: Path) -> None:
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(LuoshiError, match="不是 zip"):
        restore(bogus)
    other = tmp_path / "y.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(LuoshiError, match="不是落实的备份"):
        restore(other)


def test_paths_in_a_backup_never_escape_the_files_directory(world: Any, tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    backup(archive)
    with zipfile.ZipFile(archive, "a") as z:
        z.writestr("files/../../escaped.txt", "x")
    restore(archive, force=True)
    assert not (Path(settings.MEDIA_ROOT).parent.parent / "escaped.txt").exists()
    assert not (Path(settings.MEDIA_ROOT).parent / "escaped.txt").exists()
