"""Test settings every web test shares: uploaded and staged files go to a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def isolated_storage(tmp_path: Path) -> Iterator[Path]:
    """Keep each test's files (attachments, staged imports) apart, so xdist workers never share them."""
    with override_settings(MEDIA_ROOT=tmp_path / "files", STAGING_DIR=tmp_path / "staging", LUOSHI_WEBHOOK_URL=""):
        yield tmp_path
