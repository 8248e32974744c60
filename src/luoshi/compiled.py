"""The compiled reading path: the quantity reader and the structure parser built by mypyc, used while current.

Reading a plan is mostly the quantity reader and the structure parser running many small Python functions
per task; compiled to C by mypyc (the compiler mypy ships, which black and mypy itself are built with) the
same code runs about 1.6 times as fast. The sources stay the reference: ``bash scripts/setup`` builds the
compiled modules into ``build/compiled`` (``scripts/compile_core.py``) with a fingerprint of every source
file of the core, and they are imported instead of the sources only while that fingerprint is the sources'
own — one changed file anywhere in ``src/luoshi`` and the whole core runs from its sources until the next
build (compiled modules call each other directly, so a partly current build is never used). Where nothing
was built (no C compiler, an installed wheel, ``LUOSHI_COMPILED=0``) the sources run, with the same results.

``LUOSHI_COMPILED``: ``1`` (default) use the build when current; ``0`` never. ``describe()`` says which runs.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from luoshi.errors import LuoshiError

# The modules compiled, as patterns under src/luoshi: the reading path's hot loops — the quantity
# reader, the structure parser, the .docx and .txt readers. (Not the readers whose tests replace a
# module's function or limit, which a compiled module would not see: legacy, xlsx.)
COMPILED = ("quantities/*.py", "structure/*.py", "read/docx.py", "read/numbering.py", "read/text.py")
GROUP = "luoshi_core"
LIBRARY = f"{GROUP}__mypyc"  # the group's shared library, a top-level module mypyc names so
SOURCE_ROOT = Path(__file__).resolve().parent  # src/luoshi
BUILD_DIR = SOURCE_ROOT.parent.parent / "build" / "compiled"
STAMP = "luoshi-compiled.json"
ENV = "LUOSHI_COMPILED"


def compiled_sources() -> list[Path]:
    """The source files mypyc compiles: those ``COMPILED`` names, packages' ``__init__`` left out."""
    found = {p for pattern in COMPILED for p in SOURCE_ROOT.glob(pattern) if p.name != "__init__.py"}
    return sorted(found)


def fingerprint() -> str:
    """A digest of every source file of the core (paths and contents) and of the interpreter's version."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in sorted(SOURCE_ROOT.rglob("*.py")):
        digest.update(path.relative_to(SOURCE_ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def module_name(path: Path) -> str:
    """``src/luoshi/quantities/reader.py`` → ``luoshi.quantities.reader``."""
    return ".".join(("luoshi", *path.relative_to(SOURCE_ROOT).with_suffix("").parts))


def wanted() -> bool:
    """Whether ``LUOSHI_COMPILED`` lets the build be used; an unknown value is refused."""
    value = os.environ.get(ENV, "1").strip()
    if value not in ("0", "1"):
        raise LuoshiError(f"环境变量 {ENV} 的值“{value}”无效：应为 1（使用编译后的模块，默认）或 0（只用源代码）。")
    return value == "1"


def current_build() -> dict[str, Path] | None:
    """The compiled modules by name when the build in ``BUILD_DIR`` is current, else None."""
    try:
        stamp = json.loads((BUILD_DIR / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("fingerprint") != fingerprint():
        return None
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    names = [module_name(p) for p in compiled_sources()] + [LIBRARY]
    modules = {name: BUILD_DIR.joinpath(*name.split(".")).with_name(name.rsplit(".", 1)[-1] + suffix) for name in names}
    return modules if all(p.is_file() for p in modules.values()) else None


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds a compiled module in the build, which is checked against the sources on first use."""

    def __init__(self) -> None:
        self.names: set[str] | None = None
        self.modules: dict[str, Path] | None = None
        self.checked = False

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("luoshi"):
            return None
        if self.names is None:
            self.names = {module_name(p) for p in compiled_sources()} | {LIBRARY}
        if fullname not in self.names:
            return None
        if not self.checked:
            # The build is checked when the first compiled module is asked for: `luoshi --help` pays nothing.
            self.checked = True
            self.modules = current_build()
        built = self.modules.get(fullname) if self.modules else None
        return importlib.util.spec_from_file_location(fullname, built) if built is not None else None


_FINDER = _CompiledFinder()


def install() -> None:
    """Put the finder before the path finders (once), unless ``LUOSHI_COMPILED=0``."""
    if wanted() and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def in_use() -> bool:
    """Whether documents are read by the compiled modules in this process (the reader imported to see)."""
    from luoshi.quantities import reader

    return Path(reader.__file__ or "").is_relative_to(BUILD_DIR)


def describe() -> str:
    """In words, which code reads documents here and, when the sources, why."""
    if in_use():
        return "编译模块（build/compiled）"
    if not wanted():
        return f"源代码（{ENV}=0）"
    return "源代码（编译模块未构建，或源代码已改动：运行 bash scripts/setup 重新构建）"
