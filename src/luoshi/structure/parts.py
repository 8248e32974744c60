"""Cut a document into parts: each 附件 (attachment) is a part; without them, the whole document."""

from __future__ import annotations

import re

from luoshi.model import Block, Paragraph

# "附件1", "附件 2：", "附件三" alone on a line (a title may follow on the same line after a colon).
ATTACHMENT = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]+)\s*[:：]?\s*(.*)$")


def split_parts(blocks: tuple[Block, ...]) -> list[tuple[str | None, tuple[Block, ...]]]:
    """Return (title, blocks) per part; the title is the line naming the attachment, when there is one."""
    starts = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and ATTACHMENT.match(b.text.strip())]
    if not starts:
        return [(None, blocks)]
    parts: list[tuple[str | None, tuple[Block, ...]]] = []
    if any(isinstance(b, Paragraph) and b.text.strip() for b in blocks[: starts[0]]) or any(
        not isinstance(b, Paragraph) for b in blocks[: starts[0]]
    ):
        parts.append((None, blocks[: starts[0]]))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        body = blocks[start + 1 : end]
        m = ATTACHMENT.match(blocks[start].text.strip())  # type: ignore[union-attr]
        title = m.group(2).strip() if m and m.group(2).strip() else None
        if title is None and body and isinstance(body[0], Paragraph):
            title, body = body[0].text.strip(), body[1:]
        parts.append((title, body))
    return parts
