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

# The words a government's name ends with, at every level from a province down to a township: the
# name of a government is a place's name followed by one of them. A longer word comes before a word
# it ends with (自治区 before 区), so the lazy match of ``_LEVEL`` stops at the longer word.
GOVERNMENT_LEVELS = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "盟", "地区", "新区", "区", "县", "旗",
    "镇", "乡", "街道",
)  # fmt: skip
_LEVELS = "|".join(GOVERNMENT_LEVELS)
# One administrative level of a name: 省, 市, 区, 县… ("南京市玄武区" → 南京市 | 玄武区).
_LEVEL = re.compile(rf".+?(?:{_LEVELS})")
# A name that is only a level word ("自治区人民政府主席", "区政府") names no place.
_LEVEL_WORDS = frozenset(GOVERNMENT_LEVELS)
_NAME = rf"[\u4e00-\u9fa5]{{1,20}}?(?:{_LEVELS})"
_YEAR_WORD = r"(?:19|20)\d{2}\s*年度?"
# How a report names the government it is of, besides the notice's signature:
# "关于鼓楼区2021年国民经济…" (the name before the year), "2026年河北省政府工作报告" (the year before
# the name and 政府), "在宁夏回族自治区第十三届人民代表大会" (the delivery line), and
# "河北省人民政府省长 王正谱" (the head of the government who delivers it).
_REPORT_NAMES = (
    re.compile(rf"(?:关于)?(?P<name>{_NAME})\s*{_YEAR_WORD}"),
    re.compile(rf"{_YEAR_WORD}\s*(?P<name>{_NAME})\s*(?:人民)?政府"),
    re.compile(rf"在\s*(?P<name>{_NAME})\s*第[\d一二三四五六七八九十]+届\s*人民代表大会"),
    re.compile(rf"(?P<name>{_NAME})\s*人民政府\s*(?:代理)?(?:省长|主席|市长|区长|县长|州长|盟长|旗长|镇长|乡长|主任)"),
)
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
    # "区政府" / "自治区人民政府" name a level without naming the place.
    return None if last in _LEVEL_WORDS else last


def report_government(lines: Sequence[str]) -> str | None:
    """The government a report is of, from how its title or head matter names it (see ``_REPORT_NAMES``).

    Each pattern is tried over all the lines before the next one: a title names its government more
    surely than the delivery line, and the delivery line more surely than its speaker.
    """
    cleaned = [re.sub(r"[\s\u3000]+", "", ln) for ln in lines if ln]
    for pattern in _REPORT_NAMES:
        for line in cleaned:
            for m in pattern.finditer(line):
                gov = local_government(re.sub(r"^(?:关于|印发|在)", "", m.group("name")))
                if gov:
                    return gov
    return None


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
