"""The dates the commands take (``--as-of``, ``--issued-on``, ``--reply-by``): one reading, one message."""

from __future__ import annotations

import datetime as dt
import re

from luoshi.errors import LuoshiError

_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def parse_date(text: str | None, label: str = "日期") -> dt.date | None:
    """A date written 2021-06-30, 2021/6/30, 2021.6.30 or 2021年6月30日; None when not given."""
    if not text:
        return None
    m = _DATE.fullmatch(text.strip())
    try:
        if not m:
            raise ValueError(text)
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise LuoshiError(f"{label}“{text}”无法识别。请写成 YYYY-MM-DD，例如 2021-06-30。") from None
