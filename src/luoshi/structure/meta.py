"""A plan's title, government and year, read from its title line and the notice that issues it.

The notice names the government that signs it ("鼓楼区人民政府", "南京市玄武区人民政府") on its own
line, in its title ("玄武区人民政府关于印发…的通知") or in a portal's metadata table (发布机构); the
government is the most local level of that name (玄武区, not 南京市). The year is the first year the
plan's title names ("2021年区政府主要工作目标任务分解落实方案" → 2021). See
docs/layouts/decomposition.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from luoshi.structure.numbering import cn_to_int

# One administrative level of a name: 省, 市, 区, 县… ("南京市玄武区" → 南京市 | 玄武区).
_LEVEL = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|省|市|盟|地区|新区|区|县|旗|镇|乡|街道)")
_GOV_SUFFIX = r"(?:人民政府|政府)(?:办公室|办公厅)?"
_SIGNATURE = re.compile(rf"^(?P<name>\S{{2,20}}?){_GOV_SUFFIX}$")
_NOTICE_TITLE = re.compile(rf"^(?P<name>\S{{2,20}}?){_GOV_SUFFIX}(?:关于|印发)")
_ANYWHERE = re.compile(r"(?P<name>[\u4e00-\u9fa5]{2,20}?)人民政府")
_PUBLISHER = re.compile(rf"(?:发布机构|发文机关|发文单位)\s*[:：|]?\s*\|?\s*(?P<name>\S{{2,20}}?){_GOV_SUFFIX}")

_YEAR = re.compile(r"((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})\s*年")
_DATE = re.compile(r"^\s*(?:(?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})\s*年[\d〇零一二三四五六七八九十]+月")

# What a plan's title ends with.
TITLE_ENDS = (
    "方案", "分工", "清单", "计划", "安排", "任务", "责任分解", "分解表", "任务书", "责任书",
    "工作要点", "实施意见", "分工意见", "落实意见", "任务表", "分解", "责任分工",
)  # fmt: skip


def local_government(name: str) -> str | None:
    """The most local level of a government's name ("南京市玄武区" → "玄武区"); None for "区" alone."""
    name = re.sub(r"\s+", "", name)
    levels = _LEVEL.findall(name)
    if not levels:
        return None
    last: str = levels[-1]
    # "区政府" / "市政府" name a level without naming the place.
    return None if len(last) < 2 else last


def find_government(lines: Sequence[str]) -> str | None:
    """The government that issues the plan, from the notice's signature, title or metadata."""
    cleaned = [re.sub(r"[\s\u3000]+", "", ln) for ln in lines]
    for pattern in (_SIGNATURE, _NOTICE_TITLE):
        for line in cleaned:
            m = pattern.match(line)
            if m:
                gov = local_government(m.group("name"))
                if gov:
                    return gov
    for line in lines:
        m = _PUBLISHER.search(re.sub(r"[\s\u3000]+", "", line))
        if m:
            gov = local_government(m.group("name"))
            if gov:
                return gov
    for line in cleaned:
        for m in _ANYWHERE.finditer(line):
            gov = local_government(m.group("name"))
            if gov:
                return gov
    return None


def find_year(text: str | None) -> int | None:
    """The first year ``text`` names ("2021年…" → 2021; "二〇二三年…" → 2023)."""
    if not text:
        return None
    m = _YEAR.search(text)
    if m is None:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else cn_to_int(raw)


def is_date_line(text: str) -> bool:
    """Whether a line is a date ("2021年3月1日", "2021年3月1日印发")."""
    return bool(_DATE.match(text))


def looks_like_title(text: str) -> bool:
    """Whether a line reads as a plan's title: short, ends like one, is not the notice around it."""
    t = text.strip()
    if not 4 <= len(t) <= 80 or t.endswith(("。", "；", ";", "：", ":")):
        return False
    if "通知" in t or "关于印发" in t:
        return False
    return t.rstrip('》"”').endswith(TITLE_ENDS)


def title_from_notice(text: str) -> str | None:
    """The title inside a notice's 《…》 ("关于印发《2021年…方案》的通知" → "2021年…方案")."""
    m = re.search(r"《([^《》]+)》", text)
    if m and looks_like_title(m.group(1)):
        return m.group(1).strip()
    return None
