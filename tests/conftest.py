"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def rtl(text: str) -> str:
    """Build test strings with named escapes: `{zwnj}` for U+200C, `{rlm}`, `{lrm}`."""
    return text.format(zwnj="\u200c", rlm="\u200f", lrm="\u200e", nbsp="\u00a0", kashida="\u0640")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (the project's shared test material) is not beside the repository")
    return SHARED
