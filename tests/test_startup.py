"""The command's start-up: what it leaves unloaded, and that what it leaves works when asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, check=True)


def test_reading_a_text_pdf_never_imports_asyncio() -> None:
    done = _python("-X", "importtime", "pipeline.py", "samples/pdf/001-rl.pdf", "--format", "json")
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert '"form_type"' in done.stdout
    assert "pydantic" in imported and "models" in imported
    assert not {name for name in imported if name == "asyncio" or name.startswith("asyncio.")}


def test_reading_a_text_pdf_never_seeks_pydantic_plugins() -> None:
    """pydantic's plugin search (importlib.metadata, email, every distribution's entry points) is not run."""
    done = _python("-X", "importtime", "pipeline.py", "samples/pdf/001-rl.pdf", "--format", "json")
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert '"form_type"' in done.stdout
    assert "importlib.metadata" not in imported and "email" not in imported


def test_asyncio_imported_after_the_models_is_whole() -> None:
    code = """
import sys, types
import models
assert not [name for name in sys.modules if name.split(".")[0] == "asyncio"]
import asyncio

async def five():
    return 5

assert asyncio.run(five()) == 5
assert asyncio.coroutines.iscoroutinefunction(five) and asyncio.iscoroutinefunction(five)
# no module kept the package lent while pydantic imported
assert not [module.__name__ for module in list(sys.modules.values()) for value in vars(module).values()
            if isinstance(value, types.ModuleType) and value.__name__ == "asyncio" and value is not asyncio]
print("ok")
"""
    assert _python("-c", code).stdout.strip() == "ok"
