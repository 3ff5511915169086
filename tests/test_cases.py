"""Data-driven cases: tests/cases/<fix>.json, each a list of {label, input, expected, why}.

A case runs the named fix alone (to its fixed point) unless it says `"pipeline": "full"`.
`"must_not_change": true` cases expect the input back unchanged. `"xfail": "reason"` marks a
known failure strictly: it must keep failing until it is fixed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dorost import Config, repair, replay

CASES = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        fix_name = data.get("fix", path.stem)
        for case in data["cases"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            params.append(pytest.param(fix_name, case, id=f"{path.stem}:{case['label']}", marks=marks))
    return params


@pytest.mark.parametrize(("fix_name", "case"), _load())
def test_case(fix_name: str, case: dict[str, Any]) -> None:
    options = case.get("options", {})
    config = Config(**options)
    if case.get("pipeline", "only") == "only":
        config = config.with_fixes(only=[fix_name])
    expected = case["input"] if case.get("must_not_change") else case["expected"]
    result = repair(case["input"], config)
    assert result.text == expected, case.get("why", "")
    assert replay(result.original, result.edits) == result.text
    if case.get("must_not_change"):
        assert result.edits == ()
    else:
        assert all(edit.fix == fix_name for edit in result.edits) or case.get("pipeline") == "full"


def test_every_fix_has_cases_including_must_not_change() -> None:
    from dorost.pipeline import FIXES

    covered: dict[str, set[bool]] = {}
    for path in CASES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = data.get("fix", path.stem)
        for case in data["cases"]:
            covered.setdefault(name, set()).add(bool(case.get("must_not_change")))
    missing = [fix.name for fix in FIXES if covered.get(fix.name) != {True, False}]
    assert not missing, f"fixes without both kinds of cases: {missing}"
