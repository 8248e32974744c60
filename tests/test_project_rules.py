"""Project rules as tests: the core stays framework-free and every module says what it holds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "src" / "luoshi"
CORE_MODULES = sorted(CORE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_the_core_never_imports_the_web_framework(path: Path) -> None:
    assert not _imports(path) & {"django", "luoshi_web", "rest_framework"}


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(CORE)))
def test_every_core_module_starts_with_a_docstring(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path.name == "__init__.py" and not tree.body:
        return
    assert ast.get_docstring(tree), f"{path} has no module docstring"


# --------------------------------------------------------------------------- dependencies run one way

SRC = CORE.parent
WEB = SRC / "luoshi_web"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, with relative imports resolved."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # "from pkg import module"
    return found


def _layer(module: str) -> str | None:
    """The node a module belongs to: a core package or module (luoshi.read, luoshi.match), a web app or
    a top-level web module (luoshi_web.plans, luoshi_web.bridge); the core's face is ``luoshi``."""
    parts = module.split(".")
    if parts[0] not in ("luoshi", "luoshi_web"):
        return None
    return ".".join(parts[:2])


def _is_code(path: Path) -> bool:
    """Application code: no tests, migrations or test support."""
    parts = path.relative_to(SRC).parts
    return not ({"tests", "migrations"} & set(parts)) and path.name not in ("test.py", "conftest.py")


def _known_layers() -> set[str]:
    return {_layer(_module(p)) or "" for p in SRC.rglob("*.py") if _is_code(p)}


def _dependency_graph() -> dict[str, dict[str, set[str]]]:
    """layer → layer it imports → the modules that do."""
    known = _known_layers()
    graph: dict[str, dict[str, set[str]]] = {}
    for path in SRC.rglob("*.py"):
        if not _is_code(path):
            continue
        source = _layer(_module(path))
        for target in {_layer(m) for m in _imported_modules(path)}:
            if source and target and target != source and target in known:
                graph.setdefault(source, {}).setdefault(target, set()).add(_module(path))
    return graph


def _cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one layer (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_web_apps_or_core_packages_import_each_other() -> None:
    graph = _dependency_graph()
    problems = []
    for group in _cycles(graph):
        edges = [f"{a} → {b} ({', '.join(sorted(graph[a][b]))})" for a in group for b in group if b in graph.get(a, {})]
        problems.append("; ".join(edges))
    assert not problems, "imports that run both ways:\n" + "\n".join(problems)


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert _cycles({"a": {"b": {"x"}}, "b": {"c": {"y"}}, "c": {"a": {"z"}}, "d": {"a": {"w"}}}) == [["a", "b", "c"]]


WEB_CODE = sorted(p for p in WEB.rglob("*.py") if _is_code(p))


@pytest.mark.parametrize("path", WEB_CODE, ids=lambda p: str(p.relative_to(WEB)))
def test_the_web_app_uses_the_core_only_through_its_public_entry_points(path: Path) -> None:
    deep = sorted(m for m in _imported_modules(path) if m.startswith("luoshi.") and m.rpartition(".")[0] != "luoshi")
    assert not deep, f"{path.name} imports {deep}: import from ``luoshi`` (see luoshi/__init__.py) instead"


def test_every_public_entry_point_resolves_and_is_declared() -> None:
    import luoshi

    assert set(luoshi.__all__) == {"__version__", *luoshi._PUBLIC}
    for name in luoshi._PUBLIC:
        assert getattr(luoshi, name) is not None
    typed = set()
    for node in ast.walk(ast.parse((CORE / "__init__.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("luoshi."):
            typed.update(alias.asname or alias.name for alias in node.names)
    assert typed == set(luoshi._PUBLIC), "the TYPE_CHECKING imports must name exactly the public entry points"


def test_the_command_line_loads_no_reader_judge_or_renderer_before_a_command_runs() -> None:
    """`luoshi --help` and each command's help build every sub-command's parser: they stay quick only while the
    commands import the core when they run (measured: 300 ms with it imported up front, 60 ms without)."""
    import subprocess
    import sys

    heavy = ["docx", "openpyxl", "luoshi.structure", "luoshi.judge", "luoshi.read", "luoshi.draft", "luoshi.suggest"]
    code = (
        "import sys; from luoshi.cli import build_parser; build_parser(); "
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


SRC_CODE = [p for p in sorted((CORE.parent).rglob("*.py")) if "migrations" not in p.parts]


def test_no_function_in_src_is_a_hundred_lines_long() -> None:
    """Long functions are where the if-chains grew back: each stays under 100 lines (split into named steps)."""
    long = []
    for path in SRC_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines >= 100:
                    long.append(f"{path.relative_to(CORE.parent)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "functions of 100 lines or more:\n" + "\n".join(long)
