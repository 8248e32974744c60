"""What every browser test does first: log a named user in through the real login form."""

from __future__ import annotations

from typing import Any

from luoshi_web.test import PASSWORD


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in as `username` from a clean session (cookies cleared, so the previous user is gone)."""
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
