from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calc.rulefiles import RulesError, bundle_json, load_dir

ROOT = Path(__file__).resolve().parents[2]


def test_bundle_is_deterministic() -> None:
    assert bundle_json(load_dir(str(ROOT / "rules"))) == bundle_json(load_dir(str(ROOT / "rules")))


def test_negative_requirement_is_reported_at_its_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    path = tmp_path / "rules" / "certifications.yaml"
    text = path.read_text()
    path.write_text(text.replace("value: 60", "value: -60"))
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "value: -60" in t)
    with pytest.raises(RulesError) as caught:
        load_dir(str(tmp_path / "rules"))
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (line, "-60 must not be negative")
