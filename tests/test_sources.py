"""The code habits a machine can check: no invisible or bidi control character written raw in a source file.

A raw ZWNJ, LRM or RLE cannot be seen in a review or told from nothing, and a bidi control reorders the
line around it in an editor; sources write them as escapes (``\\u200c``), as the fixes' tables do.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def test_no_source_file_holds_a_raw_invisible_or_bidi_control_character() -> None:
    sources = [
        path for folder in ("src", "tests", "benchmarks", "scripts", "fuzz") for path in (REPO / folder).rglob("*.py")
    ]
    assert len(sources) > 50
    found = [
        f"{path.relative_to(REPO)}:{number}: U+{ord(match.group()):04X}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in INVISIBLE.finditer(line)
    ]
    assert found == []
