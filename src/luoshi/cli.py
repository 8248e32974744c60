"""The ``luoshi`` command: each subcommand parses its arguments and calls one core function."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from luoshi import __version__
from luoshi.commands import COMMANDS
from luoshi.errors import LuoshiError


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one Chinese line and exit 2, like bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"luoshi: 参数错误：{message}（用 --help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="luoshi",
        description="落实：读取政府工作报告分解方案、执行情况表等文件，研判完成情况，生成报表。",
        epilog="例：luoshi parse 分解落实方案.docx --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"luoshi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; bad input exits 2 with a one-line Chinese message, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except LuoshiError as exc:
        print(f"luoshi: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("LUOSHI_DEBUG"):
            raise
        print(f"luoshi: 内部错误（{type(exc).__name__}: {exc}）。请将该文件和此信息反馈给开发者。", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
