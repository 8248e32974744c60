"""One module per CLI command; each has ``register(subparsers)`` and a help epilog with an example."""

from __future__ import annotations

from luoshi.commands import draft, explain, judge, parse, report, suggest

COMMANDS = (parse, explain, judge, report, suggest, draft)
