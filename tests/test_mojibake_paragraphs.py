"""repair_mojibake on held-out paragraphs: Windows-1256 text read as Windows-1252 or Latin-1
(`ÓáÇã` for `سلام`), and UTF-8 misread once or twice (`ط³ظ„ط§ظ…`, `Ã˜Â³Ã™â€ž`).

Persian web pages and databases of the 2000s stored Windows-1256 and were often read back as
Latin-1; UTF-8 text passed through two such systems is misread twice. Held-out paragraphs of the
shippable corpora, turned that way, must come back; Latin text with accents, and Persian that only
looks like such text, must not change.
"""

from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (the "sloppy-windows-1252" codec)
import pytest

from dorost import Config, fix, repair

ONLY = Config().with_fixes(only=["repair_mojibake"])


def _held_out(shared: Path) -> list[str]:
    paragraphs: list[str] = []
    for corpus in ("opensource-guide-fa", "debian-handbook-fa", "http-explained-fa", "react-docs-fa"):
        lines = (shared / "corpora" / corpus / "text.txt").read_text("utf-8").splitlines()
        paragraphs += [line for line in lines[len(lines) - len(lines) // 10 :] if len(line.split()) >= 5]
    return paragraphs


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1"])
def test_old_code_page_paragraphs_come_back(shared: Path, codec: str) -> None:
    restored = tried = 0
    for paragraph in _held_out(shared):
        # Windows-1256 has Arabic yeh, not Persian; everything else of these paragraphs it can write.
        source = paragraph.replace("ی", "ي")
        try:
            damaged = source.encode("windows-1256").decode(codec)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        tried += 1
        restored += repair(damaged, ONLY).text == source
    assert tried >= 200
    assert restored >= 0.97 * tried
    # The whole pipeline writes Persian yeh again.
    sample = _held_out(shared)[0]
    assert fix(sample.replace("ی", "ي").encode("windows-1256").decode(codec)) == fix(sample)


def test_clean_paragraphs_and_latin_text_stay(shared: Path) -> None:
    for paragraph in _held_out(shared)[:300]:
        assert repair(paragraph, ONLY).edits == ()
    for text in (
        "Ça va, Émile? Très bien. Größe, Müller, Ærø, São Paulo, Reykjavík, Ísafjörður",
        "¡Hola! ¿Qué tal? Año, niño, señor; Çíçek, Ñíguez, José",
        "Dvořák, Łódź, Ångström, Øresund, café crème, naïve, façade",
    ):
        assert repair(text, ONLY).edits == (), text


@pytest.mark.parametrize("codec", ["windows-1256", "sloppy-windows-1252"])
@pytest.mark.parametrize("times", [1, 2])
def test_utf8_misread_once_or_twice_comes_back(shared: Path, codec: str, times: int) -> None:
    paragraphs = _held_out(shared)[:400]
    restored = 0
    for paragraph in paragraphs:
        damaged = paragraph
        for _ in range(times):
            damaged = damaged.encode("utf-8").decode(codec)
        restored += repair(damaged, ONLY).text == paragraph
    # A lone letter between Latin words (RAID ظˆ LVM) is undone as the rest of its text was misread.
    assert restored >= 0.97 * len(paragraphs)


class _Everything:
    """A set that holds every character: with it, repair_mojibake tries to undo every run."""

    def __contains__(self, char: object) -> bool:
        return True


def _the_long_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make repair_mojibake try to undo every run of a text that wakes it, one by one."""
    from dorost.fixes import mojibake

    monkeypatch.setattr(mojibake, "_CONTINUATION_CHARACTERS", _Everything())
    monkeypatch.setattr(mojibake, "_runs_to_try", lambda text: mojibake._RUN().finditer(text))


@pytest.mark.parametrize("codec", ["windows-1256", "sloppy-windows-1252", "latin-1"])
def test_runs_not_tried_are_runs_never_undone(shared: Path, codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # repair_mojibake tries to undo only the runs whose second character a wrong codec shows for a continuation
    # byte, and reads a text run by run only where one of those is undone. Texts that wake the fix: clean paragraphs
    # (غژغژ, a word of Persian that reads as mojibake) among paragraphs misread once, twice and three times, whole or
    # a few words among Latin ones, as one text and one misread stretch at a time (first or last). Their changes
    # must be those found when every run is tried.
    from dorost.fixes import mojibake

    paragraphs = _held_out(shared)[:120]
    parts = ["صدای غژغژ در می\u200cآمد."]
    for number, paragraph in enumerate(paragraphs):
        damaged = paragraph if number % 4 == 0 else " ".join(paragraph.split()[: 2 + number % 5])
        for _ in range(number % 4):
            damaged = damaged.encode("utf-8").decode(codec, errors="replace")
        parts.append(damaged if number % 3 else f"RAID {damaged} LVM")
    texts = ["\n".join(parts), *(f"{parts[0]}\n{part}" for part in parts[1:])]
    texts += [f"{part}\n{parts[0]}" for part in parts[1:]]
    config = Config()
    shortcut = [mojibake.repair_mojibake(text, config) for text in texts]
    _the_long_way(monkeypatch)
    long_way = [mojibake.repair_mojibake(text, config) for text in texts]
    assert len(long_way[0]) >= 40  # the text is repaired, not left alone
    assert sum(map(bool, long_way)) >= 30
    assert shortcut == long_way


def test_arabic_letters_counted_by_word_are_counted_one_by_one(shared: Path) -> None:
    # Whether a text is Windows-1256 read as Windows-1252 asks how many Arabic-script letters it holds.
    from dorost.fixes import mojibake

    paragraphs = _held_out(shared)[:300]
    texts = ["\n".join(paragraphs), *paragraphs, "Ça va, Émile? سلام (ÓáÇã) ٤٥ آیه\u200cها ﻻ"]
    for text in texts:
        assert mojibake._arabic_letter_count(text) == len(mojibake._ARABIC_LETTER().findall(text))
    assert mojibake._arabic_letter_count(texts[0]) > 10_000
