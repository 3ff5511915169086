"""Write a test-case file with invisible and bidi characters escaped, so the JSON stays readable.

Usage: python scripts/write_cases.py tests/cases/<fix>.json < cases.json
"""

from __future__ import annotations

import json
import sys
import unicodedata


def escaped(text: str) -> str:
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cf", "Cc", "Zs") and ch not in " \n" else ch for ch in text
    )


def dump(data: object) -> str:
    raw = json.dumps(data, ensure_ascii=False, indent=2)
    return escaped(raw) + "\n"


if __name__ == "__main__":
    target = sys.argv[1]
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(dump(json.load(sys.stdin)))
