from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of a rules folder: "real" (rules/) or "minimal" (the small valid fixture)."""

    def make(which: str = "real") -> Path:
        target = tmp_path / "rules"
        source = ROOT / "rules" if which == "real" else FIXTURES / which
        shutil.copytree(source, target)
        if not (target / "schema").exists():
            shutil.copytree(ROOT / "rules" / "schema", target / "schema")
        return target

    return make
