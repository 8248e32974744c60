"""What ``luoshi suggest`` and ``luoshi draft`` share: reading the history files and the alias list."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.errors import LuoshiError

if TYPE_CHECKING:
    from luoshi.model import Part

# One alias a line: the printed name, then the directory's name ("区科学技术局=区科技局", tab or comma).
_ALIAS_LINE = re.compile(r"^\s*(.+?)\s*(?:=|→|->|\t|,|，)\s*(.+?)\s*$")


def history_parts(paths: Sequence[str], exclude: Iterable[tuple[str, int]] = ()) -> list[Part]:
    """The parts of the history files, never one being suggested for (``exclude``: (sha256, part index)).

    A history file may be the very document suggested for (one attachment is last year's table,
    another the new plan): the parts being suggested for are left out of the history.
    """
    from luoshi.read import read_path
    from luoshi.structure import parse_document

    skip = set(exclude)
    parts: list[Part] = []
    for path in paths:
        plan = parse_document(read_path(path))
        parts.extend(part for n, part in enumerate(plan.parts) if (plan.source.sha256, n) not in skip)
    if not any(t.lead or t.co for part in parts for t in part.tasks):
        raise LuoshiError("历史方案中没有找到责任单位：请用 --history 给出往年的分解落实方案或执行情况表。")
    return parts


def read_aliases(path: str | None) -> dict[str, str]:
    """The alias list: one "印出的名称=标准名称" a line (=, →, tab or comma); # starts a comment."""
    if not path:
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LuoshiError(f"找不到文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LuoshiError(f"无法读取单位别名表“{path}”（需 UTF-8 文本）：{exc}") from None
    aliases: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = _ALIAS_LINE.match(line)
        if not m:
            raise LuoshiError(f"单位别名表第{n}行无法识别：“{line}”。每行写“印出的名称=标准名称”。")
        aliases[m.group(1)] = m.group(2)
    return aliases


def write_bytes(path: str, data: bytes, *, to_stderr: bool = False) -> None:
    """Write an output file and say so (on stderr when stdout carries JSON)."""
    try:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise LuoshiError(f"无法写入“{path}”：{exc.strerror or exc}。请检查路径和权限。") from exc
    print(f"已生成：{path}", file=sys.stderr if to_stderr else sys.stdout)
