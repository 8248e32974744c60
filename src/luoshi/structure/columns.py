"""Table headers read by meaning: which column holds the number, the task, the units, progress, status.

Offices name the same column many ways (目标内容 / 2022年目标任务 / 工作任务 / 项目名称; 责任单位 /
牵头单位 / 主办单位; 进展情况 / 完成情况 / 落实情况; 是否完成 / 完成状态 / 完成情况（是/否）) and put them
in any order, wrap them over two lines, split them over two header rows ("完成情况" over "进展情况" and
"是否完成") and repeat the header row on every page. ``find_header`` finds the header rows of a table
and gives each grid column a ``Role``; nothing here depends on column positions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from luoshi.model import Cell, Table
from luoshi.unit_names import ends_like_unit, split_units

Role = Literal[
    "number",  # 序号
    "text",  # the task: 目标内容 / 目标任务 / 工作任务 / 项目名称 …
    "target",  # 全年目标 / 年度目标: a target in a column of its own
    "lead",  # 责任单位 / 牵头单位 / 主办单位
    "co",  # 配合单位 / 协办单位
    "leaders",  # 责任领导: persons
    "progress",  # 进展情况 / 完成情况 / 落实情况 / 推进情况
    "status",  # 是否完成 / 完成状态 / 是否达序
    "deadline",  # 完成时限 / 时间节点
    "note",  # 备注
    "measure",  # 计量单位: the unit a figure is counted in, never a government body
]

# Longer than this, a cell is a sentence of data, not a column's name.
MAX_HEADER_CHARS = 20

# Ordered: the first rule that matches wins, so the narrower meanings come first ("是否完成全年目标"
# is a status although it names the target; "全年目标完成情况" is progress; "2022年目标任务" is the task).
_RULES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(序号|编号|序|项次|No\.?|NO\.?|#)$")),
    ("status", re.compile(r"是否|完成状态|完成与否|达序|达标情况|状态$|是/否|是或否|[(]是[/、]?否[)]|完成评价|评价结果")),
    ("deadline", re.compile(r"时限|时间节点|完成时间|截止时间|截止日期|完成期限|完成时序|时间要求|进度安排")),
    ("leaders", re.compile(r"领导|责任人$|联系人$")),
    ("co", re.compile(r"配合|协办|协助|协同|协作|参与单位|参与部门|业主单位|建设单位")),
    ("lead", re.compile(r"责任单位|责任部门|牵头|主办|主责|承办|实施单位|实施主体|责任主体|主体单位|归口|^责任$")),
    ("note", re.compile(r"^(备注|说明|备考)$|^下一?步(?:工作)?(?:计划|打算|安排|工作)$")),
    ("measure", re.compile(r"^(计量)?单位$")),
    # A figure achieved, in a column of its own: "已完成数", "累计完成投资额", "1-9月完成投资", "开工率",
    # "任务完成率", "计划投资完成率", "占年任务之比" — but "计划完成数" is the plan's figure, a target.
    ("progress", re.compile(r"(完成率|完成比例|之比|比例[(][%％][)])$|^(?!计划|目标|年度计划|预期|全年计划)"
                            r".*(已完成|累计完成|累计开工|累计竣工|完成数|完成投资|完成额|完成量|开工数|开工率|竣工数|竣工率)")),
    ("progress", re.compile(r"进展|完成情况|落实情况|推进情况|执行情况|实施情况|工作情况|进度|实际完成|完成值|实绩|成效")),
    ("text", re.compile(r"(任务|内容|事项|名称|项目|举措|措施|重点工作|工作|指标)$|^(目标任务|任务|工作任务)")),
    ("target", re.compile(r"目标|计划|预期")),
)  # fmt: skip

_SPACE = re.compile(r"\s+")
# A numbered line ("一、主要指标", "（一）…", "1.…") is a heading or a task, never a column's name.
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(][一二三四五六七八九十]+[)]|[0-9]+[、.．])")


@lru_cache(maxsize=4096)
def normalize_header(text: str) -> str:
    """A header's words without spaces, line breaks, full-width brackets or a trailing colon."""
    t = _SPACE.sub("", text).replace("（", "(").replace("）", ")").replace("／", "/")
    return t.rstrip(":：")


@lru_cache(maxsize=4096)
def classify_header(text: str) -> Role | None:
    """The role a column with this header plays, or None when the words name no known column."""
    h = normalize_header(text)
    if not h or len(h) > MAX_HEADER_CHARS or h.isdigit() or _NUMBERED.match(h):
        return None
    for role, pattern in _RULES:
        if pattern.search(h):
            return role
    return None


@dataclass(frozen=True)
class Column:
    """One grid column of a task table: its role and its header as printed (rows joined by "/")."""

    index: int
    role: Role | None
    header: str


@dataclass(frozen=True)
class Header:
    """Where a table's header is and what its columns mean."""

    first_row: int  # the first header row (title rows may come before it)
    last_row: int  # the last header row: data starts after it
    columns: tuple[Column, ...]
    title: str | None = None  # a title row inside the table, above the header

    def cols(self, role: Role) -> list[int]:
        """The grid columns playing ``role``, left to right."""
        return list(self._cols_by_role.get(role, ()))

    @cached_property
    def _cols_by_role(self) -> dict[Role | None, tuple[int, ...]]:
        # Asked for each role of every row of the table: grouped once per header.
        by_role: dict[Role | None, list[int]] = {}
        for c in self.columns:
            by_role.setdefault(c.role, []).append(c.index)
        return {role: tuple(cols) for role, cols in by_role.items()}

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(c.role for c in self.columns if c.role is not None)

    @property
    def width(self) -> int:
        return len(self.columns)

    def column(self, role: Role) -> Column | None:
        found = [c for c in self.columns if c.role == role]
        return found[0] if found else None


# Roles that show a header belongs to a task table, beside the task column itself.
_TASK_EVIDENCE: frozenset[Role] = frozenset({"lead", "co", "leaders", "progress", "status", "target", "deadline"})

# How many rows a title and a header may take at the top of a table.
_HEADER_SEARCH_ROWS = 8


def distinct_texts(row: Sequence[Cell]) -> list[str]:
    """The row's non-empty cell texts, each once (a merged row may repeat its text in every cell)."""
    seen: list[str] = []
    for cell in row:
        t = cell.text.strip()
        if t and t not in seen:
            seen.append(t)
    return seen


def _row_roles(row: Sequence[Cell]) -> list[Role | None]:
    return [classify_header(c.text) for c in row if c.text.strip()]


def is_header_row(row: Sequence[Cell]) -> bool:
    """Whether the filled cells of ``row`` name columns, with the task column and one more among them.

    An office's own columns (实施点位, 前期手续, 投资额…) are tolerated while they are a minority of a wide
    header and read as column names (short words, no figures, no sentence): a table is not lost because
    the reader does not know all its columns.
    """
    roles = _row_roles(row)
    unnamed = sum(r is None for r in roles)
    if len(roles) < 2 or unnamed > _tolerated(len(roles)):
        return False
    if unnamed and not all(_reads_as_name(c.text) for c in row if c.text.strip() and classify_header(c.text) is None):
        return False
    present = {r for r in roles if r is not None}
    return "text" in present or ("target" in present and bool(present & (_TASK_EVIDENCE - {"target"})))


def _tolerated(named: int) -> int:
    """How many unknown columns a header of ``named`` filled cells may hold: fewer than half, from four on."""
    return 0 if named < 4 else (named - 1) // 2


_NAME_LIKE = re.compile(r"^[\u4e00-\u9fa5（）()/、\s]{2,12}$")


def _reads_as_name(text: str) -> bool:
    """A column's name: a few Chinese words, no figure, no sentence punctuation."""
    return bool(_NAME_LIKE.match(text.strip()))


def _is_subheader_row(row: Sequence[Cell], above: Sequence[Cell]) -> bool:
    """A second header row: every filled cell names a column and none is data (a number, a heading).

    A lone name counts only under a header cell spanning several columns ("完成情况" over two).
    """
    roles = _row_roles(row)
    if not roles or any(r is None for r in roles):
        return False
    return len(distinct_texts(row)) >= 2 or any(c.colspan > 1 for c in above)


def find_header(table: Table) -> Header | None:
    """The header of ``table`` when it is a task table (a task column and a unit/progress/target one)."""
    title: str | None = None
    for r, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        texts = distinct_texts(row)
        if not texts:
            continue
        if is_header_row(row):
            last = r
            while (
                last + 1 < len(table.rows) and _is_subheader_row(table.rows[last + 1], table.rows[r]) and last - r < 2
            ):
                last += 1
            header = Header(first_row=r, last_row=last, columns=_columns(table, r, last), title=title)
            header = _settle_roles(table, header)
            if "text" not in header.roles or not (header.roles & _TASK_EVIDENCE):
                return None
            return header
        if len(texts) == 1 and title is None:
            title = texts[0]  # a title row above the header (common in Excel sheets)
            continue
        if len(texts) == 1:
            continue  # "单位：万元", "填报单位：…" and such lines between title and header
        return None  # data before any header: not a task table this parser knows
    return None


def _columns(table: Table, first: int, last: int) -> tuple[Column, ...]:
    """Each grid column's role from the header rows covering it, the lowest (most specific) first."""
    width = max(table.width, max((c.col + c.colspan for c in table.rows[first]), default=0))
    labels: list[list[str]] = [[] for _ in range(width)]
    for row in table.rows[first : last + 1]:
        for cell in row:
            text = cell.text.strip()
            if not text:
                continue
            for c in range(cell.col, min(cell.col + cell.colspan, width)):
                if not labels[c] or labels[c][-1] != text:
                    labels[c].append(text)
    columns: list[Column] = []
    for c, stack in enumerate(labels):
        role: Role | None = None
        for text in reversed(stack):
            role = classify_header(text)
            if role is not None:
                break
        columns.append(Column(index=c, role=role, header="/".join(_SPACE.sub("", t) for t in stack)))
    return tuple(columns)


STATUS_WORDS = re.compile(
    r"^(是|否|部分未达|部分完成|视同完成|已完成|未完成|完成|基本完成|达序|未达序|√|×|✓|✗"
    r"|完成任务|超额完成|序时推进|按序时推进|按时序推进|达序时|未达序时|滞后|滞后序时|超序时|超序时进度)$"
)


def _settle_roles(table: Table, header: Header) -> Header:
    """Settle what the header words leave open, from the column's values and the other columns."""
    data = table.rows[header.last_row + 1 :]
    columns = list(header.columns)

    def values(index: int) -> list[str]:
        return [c.text.strip() for row in data for c in row if c.col == index and c.text.strip()]

    has_status = any(c.role == "status" for c in columns)
    for n, col in enumerate(columns):
        vals = values(col.index)
        if (
            col.role == "progress"
            and not has_status
            and vals
            and sum(bool(STATUS_WORDS.match(v)) for v in vals) >= 0.8 * len(vals)
        ):
            # "完成情况" holding only 是/否: the status, worded as progress.
            columns[n] = Column(col.index, "status", col.header)
        elif col.role == "measure" and vals and _mostly_units(vals):
            # A bare "单位" over government bodies is the responsible unit, not a unit of measure.
            columns[n] = Column(col.index, "lead", col.header)
    leads = [n for n, c in enumerate(columns) if c.role == "lead"]
    if len(leads) >= 2 and any(_NAMES_LEAD.search(normalize_header(columns[n].header)) for n in leads):
        # "牵头(责任)单位" beside a plain "责任单位": the plain one holds the co-units.
        for n in leads:
            if not _NAMES_LEAD.search(normalize_header(columns[n].header)):
                columns[n] = Column(columns[n].index, "co", columns[n].header)
    roles = [c.role for c in columns]
    named = [n for n, c in enumerate(columns) if c.role is None and _mostly_words(values(c.index))]
    if "text" not in roles and named and ("target" in roles or "progress" in roles):
        # "市州 / 计划完成数 / 累计开工数", "地区 / 目标 / 进度": a column of names the header words don't
        # name (地区, 市州, 项目类别) is what each row is about when no column says "任务" or "项目".
        n = named[0]
        columns[n] = Column(columns[n].index, "text", columns[n].header)
    elif "text" not in roles and "target" in roles:
        # "序号 / 目标 / 责任单位": the only target column is the task itself.
        n = roles.index("target")
        columns[n] = Column(columns[n].index, "text", columns[n].header)
    return Header(header.first_row, header.last_row, tuple(columns), header.title)


# A column that says it holds the lead units, not just the responsible ones.
_NAMES_LEAD = re.compile(r"牵头|主办|主责")


def _mostly_words(values: list[str]) -> bool:
    """Whether a column holds names or words, not figures (most of its cells have no digit)."""
    return bool(values) and sum(not any(ch.isdigit() for ch in v) for v in values) >= 0.8 * len(values)


def _mostly_units(values: list[str]) -> bool:
    names = [u for v in values for u in split_units(v)]
    return bool(names) and sum(ends_like_unit(u) for u in names) >= 0.7 * len(names)


def is_repeated_header(row: Sequence[Cell], header_texts: Sequence[str]) -> bool:
    """Whether ``row`` is the header printed again (tables repeat it at the top of every page)."""
    texts = [normalize_header(t) for t in distinct_texts(row)]
    wanted = {normalize_header(t) for t in header_texts}
    return bool(texts) and all(t in wanted for t in texts) and len(texts) >= min(2, len(wanted))
