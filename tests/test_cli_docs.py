"""Project rules for the CLI: every command has help with an example; bad input exits 2 in Chinese."""

from __future__ import annotations

import argparse

import pytest

from luoshi.cli import build_parser, main


def _subcommands(parser: argparse.ArgumentParser, prefix: str) -> dict[str, argparse.ArgumentParser]:
    """Every command and nested subcommand, by its full name ("report table")."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                found[full] = sub
                found.update(_subcommands(sub, full))
    return found


def _commands() -> dict[str, argparse.ArgumentParser]:
    return _subcommands(build_parser(), "")


def test_every_documented_command_is_registered() -> None:
    assert {"parse", "explain", "judge", "report", "report table", "report intake", "suggest", "draft"} <= set(
        _commands()
    )


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_with_an_example(name: str) -> None:
    sub = _commands()[name]
    assert sub.description, f"{name} has no description"
    assert sub.epilog and "例：" in sub.epilog and f"luoshi {name}" in sub.epilog


def test_missing_file_exits_2_with_one_chinese_line(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main(["parse", str(tmp_path / "none.docx")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "找不到文件" in err
