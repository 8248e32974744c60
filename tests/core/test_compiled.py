"""The compiled reading path (``luoshi.compiled``) reads every document as the sources do, and only while current.

The suite runs on the compiled modules where ``bash scripts/setup`` built them (as CI does); the sources
stay the reference: a second process with ``LUOSHI_COMPILED=0`` reads the seeds, their .docx rebuilds, every
text and HTML fixture and a scaled plan, judges them and the rows of the judge cases, and both must print the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from luoshi import compiled
from luoshi.contract import plan_to_dict
from luoshi.errors import LuoshiError
from luoshi.judge.parts import part_verdicts
from luoshi.read import read_bytes, read_path
from luoshi.structure import parse_document
from tests.conftest import seed_path
from tests.core.test_judge_cases import load_cases, verdict_of
from tests.docbuild import to_docx
from tests.scaled import scaled_plan

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

built = pytest.mark.skipif(
    compiled.current_build() is None and not os.environ.get("CI"),
    reason="the compiled modules are not built here (bash scripts/setup builds them; CI always does)",
)


def _documents() -> list[tuple[str, bytes]]:
    """(name, bytes) of every document read: seeds, their .docx rebuilds, .txt/.html fixtures, a scaled plan."""
    docs = []
    for prefix in ("000", "001", "002", "003", "004"):
        path = seed_path(prefix)
        docs.append((path.name, path.read_bytes()))
        docs.append((f"{prefix}.docx", to_docx(read_path(path))))
    docs += [(str(p.relative_to(FIXTURES)), p.read_bytes()) for p in sorted(FIXTURES.rglob("*.txt"))]
    docs += [(str(p.relative_to(FIXTURES)), p.read_bytes()) for p in sorted(FIXTURES.rglob("*.html"))]
    docs.append(("scaled-300.txt", scaled_plan(300).encode("utf-8")))
    return docs


def outputs() -> str:
    """What this process reads and judges in every document, as one JSON text."""
    out = []
    for name, data in _documents():
        try:
            plan = parse_document(read_bytes(data, name))
        except LuoshiError as exc:
            out.append({"document": name, "error": exc.message})
            continue
        verdicts = [repr(part_verdicts(plan, i)) for i in range(len(plan.parts))]
        as_dict = plan_to_dict(plan)
        if name.endswith(".docx"):
            del as_dict["source"]["sha256"]  # each rebuild's package carries the time it was built
        out.append({"document": name, "plan": as_dict, "verdicts": verdicts})
    # and every row of other governments' progress tables the judge is measured on
    out += [{"document": case.id, "verdict": repr(verdict_of(case))} for case in load_cases()]
    return json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@built
def test_the_suite_reads_documents_with_the_compiled_modules_where_they_are_built() -> None:
    assert compiled.in_use(), compiled.describe()


@built
def test_the_compiled_modules_read_and_judge_every_document_as_the_sources_do() -> None:
    assert compiled.in_use(), compiled.describe()
    sources = _run(
        "from luoshi import compiled; assert not compiled.in_use()\n"
        "from tests.core.test_compiled import outputs; print(outputs())",
        LUOSHI_COMPILED="0",
    )
    assert sources.returncode == 0, sources.stderr[-2000:]
    mine = json.loads(outputs())
    theirs = json.loads(sources.stdout)
    assert len(mine) == len(theirs) > 400
    for a, b in zip(mine, theirs, strict=True):
        assert a == b, a["document"]
    assert sum("verdict" in a for a in mine) >= 360


@built
def test_a_build_whose_sources_have_changed_is_not_used() -> None:
    code = (
        "from luoshi import compiled\n"
        "compiled.fingerprint = lambda: 'a source changed'\n"
        "from luoshi.quantities import reader\n"
        "from luoshi.structure import decomposition\n"
        "print(reader.__file__, decomposition.__file__, compiled.describe())"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr[-2000:]
    reader_file, decomposition_file, said = result.stdout.split(maxsplit=2)
    assert reader_file.endswith("reader.py") and decomposition_file.endswith("decomposition.py")
    assert "bash scripts/setup" in said
    # and, untouched, the same process takes the build
    current = _run("from luoshi.quantities import reader; print(reader.__file__)")
    assert current.stdout.strip().startswith(str(compiled.BUILD_DIR))


def test_luoshi_compiled_0_reads_with_the_sources() -> None:
    result = _run("from luoshi import compiled; print(compiled.in_use(), compiled.describe())", LUOSHI_COMPILED="0")
    assert result.stdout.split() == ["False", "源代码（LUOSHI_COMPILED=0）"]


def test_an_unknown_luoshi_compiled_value_is_refused_with_what_to_set() -> None:
    result = _run("import luoshi", LUOSHI_COMPILED="yes")
    assert result.returncode != 0
    assert "LUOSHI_COMPILED" in result.stderr and "应为 1" in result.stderr


def test_the_compiled_modules_are_the_reading_path() -> None:
    names = {compiled.module_name(p) for p in compiled.compiled_sources()}
    assert {"luoshi.quantities.reader", "luoshi.structure.decomposition", "luoshi.read.docx"} <= names
    # A package's __init__ stays a source module; so do readers whose tests replace a module's function.
    assert not any(n.endswith("__init__") for n in names)
    assert "luoshi.read.legacy" not in names and "luoshi.read.xlsx" not in names
