"""Build the compiled reading path (``luoshi.compiled``): mypyc → C → build/compiled, with the sources' fingerprint.

Run by ``bash scripts/setup`` after the project is installed; does nothing when the build is current.
Without a C compiler (or with ``LUOSHI_COMPILED=0``) it says so and luoshi runs from its sources.
Run: ``python scripts/compile_core.py [--force]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from luoshi import compiled  # noqa: E402


def build() -> None:
    """Compile ``compiled.compiled_sources()`` as one mypyc group into ``compiled.BUILD_DIR``."""
    from mypyc.build import mypycify
    from setuptools import setup

    work = ROOT / "build" / "mypyc"
    sources = [str(p.relative_to(ROOT / "src")) for p in compiled.compiled_sources()]
    shutil.rmtree(compiled.BUILD_DIR, ignore_errors=True)
    # From src/, so that mypy names the modules luoshi.… (and reads no project config meant for the checks).
    os.chdir(ROOT / "src")
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        try:
            setup(
                name="luoshi-compiled",
                ext_modules=mypycify(sources, group_name=compiled.GROUP, multi_file=True, target_dir=str(work)),
                script_args=[
                    "-q",
                    "build_ext",
                    "--parallel",
                    str(os.cpu_count() or 1),
                    "--build-lib",
                    str(compiled.BUILD_DIR),
                    "--build-temp",
                    str(work / "temp"),
                ],
            )
        except (Exception, SystemExit):
            shutil.rmtree(compiled.BUILD_DIR, ignore_errors=True)
            sys.stderr.write(log.getvalue()[-4000:])
            raise


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="build again even when the build is current")
    args = ap.parse_args()
    if not compiled.wanted():
        print(f"{compiled.ENV}=0：不构建编译模块，落实从源代码运行。")
        return 0
    if not args.force and compiled.current_build() is not None:
        return 0
    want = compiled.fingerprint()  # of the sources as the build starts
    print("构建编译模块（mypyc，约一分钟）……", flush=True)
    started = time.monotonic()
    try:
        build()
    except (Exception, SystemExit) as exc:
        print(f"提示：编译模块构建失败（{exc}），落实从源代码运行（结果相同，读取大文件较慢）。", file=sys.stderr)
        return 0
    (compiled.BUILD_DIR / compiled.STAMP).write_text(
        json.dumps({"fingerprint": want, "sources": len(compiled.compiled_sources())}), "utf-8"
    )
    print(f"编译模块已构建：{compiled.BUILD_DIR.relative_to(ROOT)}（{time.monotonic() - started:.0f} 秒）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
