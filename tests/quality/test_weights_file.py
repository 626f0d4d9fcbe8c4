"""The weights file a partnership edits (`rules/quality-weights.yaml`): four grades, best first, each band's
floor below the one above and Inadequate's 0; a file that breaks that is refused, naming the file as the user
would find it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.engine.catalogue import RULES_DIR
from checker.model.errors import RuleError
from checker.outputs.quality.weights import load_weights


def _data() -> dict[str, Any]:
    return yaml.safe_load((RULES_DIR / "quality-weights.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "weights.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_the_shipped_file_loads_and_is_named_as_it_lies_in_the_checkout() -> None:
    weights = load_weights()
    assert weights.source == "rules/quality-weights.yaml"
    assert [b.grade for b in weights.grades] == ["Outstanding", "Good", "Requires improvement", "Inadequate"]


def test_a_copy_elsewhere_is_named_by_its_own_path(tmp_path: Path) -> None:
    data = _data()
    data["grades"][3]["min"] = 5
    path = _write(tmp_path, data)
    with pytest.raises(RuleError) as info:
        load_weights(path)
    assert str(info.value).splitlines()[1].strip().startswith(f"{path}: ")
    assert "rules/" not in str(info.value).replace(str(RULES_DIR), "")


def _grades(data: dict[str, Any], change: str) -> list[dict[str, Any]]:
    grades = data["grades"]
    if change == "three grades":
        return grades[:3]
    if change == "a fifth grade":
        return [*grades, {**grades[3], "min": 0}]
    if change == "worst first":
        return grades[::-1]
    if change == "two floors equal":
        return [grades[0], {**grades[1], "min": grades[0]["min"]}, *grades[2:]]
    if change == "floors rising":
        return [{**g, "min": m} for g, m in zip(grades, (10, 20, 30, 0), strict=True)]
    assert change == "Inadequate above 0"
    return [*grades[:3], {**grades[3], "min": 1}]


@pytest.mark.parametrize("change", ["three grades", "a fifth grade", "worst first", "two floors equal",
                                    "floors rising", "Inadequate above 0"])
def test_grade_bands_that_do_not_cover_0_to_100_once_best_first_are_refused(tmp_path: Path, change: str) -> None:
    data = _data()
    data["grades"] = _grades(data, change)
    with pytest.raises(RuleError, match="grades"):
        load_weights(_write(tmp_path, data))


def test_floors_lowered_but_still_in_order_are_accepted(tmp_path: Path) -> None:
    data = _data()
    data["grades"] = [{**g, "min": m} for g, m in zip(data["grades"], (70, 40, 0.5, 0), strict=True)]
    weights = load_weights(_write(tmp_path, data))
    assert [weights.grade(s) for s in (70, 69.9, 40, 0.5, 0.4)] == [
        "Outstanding", "Good", "Good", "Requires improvement", "Inadequate"]
