"""Markdown code (fenced blocks and backtick spans) goes through the pipeline as written."""

from __future__ import annotations

from dorost import fix, repair, replay
from dorost.code import code_spans

README = (
    "## نصب\n"
    "\n"
    "برای نصب ، دستور زیر را اجرا كنيد و سپس `dorost fix` می شود :\n"
    "\n"
    "```python\n"
    'assert fix("اين كتاب") == "این کتاب"  # كد عمدا با ي عربی\n'
    'print("می شود")\n'
    "```\n"
    "\n"
    'کتابها و `"سازمان های"` در متن.\n'
)


def test_code_is_kept_and_the_prose_around_it_repaired() -> None:
    result = repair(README)
    text = result.text
    assert 'assert fix("اين كتاب") == "این کتاب"  # كد عمدا با ي عربی\nprint("می شود")\n' in text
    assert '`"سازمان های"`' in text and "`dorost fix`" in text
    assert "برای نصب، دستور زیر را اجرا کنید" in text  # the prose around the code is repaired
    assert "کتاب\u200cها" in text
    assert replay(result.original, result.edits) == text
    assert fix(text) == text


def test_a_fence_never_closed_and_lone_backticks_are_text() -> None:
    # Outside Markdown a stray fence or backtick is text: the fixes see what follows it.
    assert fix("```\nاين كتاب") == "```\nاین کتاب"
    assert fix("علامت ` و اين كتاب") == "علامت ` و این کتاب"
    assert fix("یک `` و ` اين `` كتاب") == "یک `` و ` اين `` کتاب"  # the span closes at the same length


def test_code_spans_stay_on_their_line_and_fences_need_their_own_line() -> None:
    text = "`باز\nبسته و `x` و ```python"
    assert [text[start:end] for start, end in code_spans(text)] == ["`x`"]
    fenced = "~~~\nكد\n~~~~\nمتن\n```\n`"
    assert [fenced[start:end] for start, end in code_spans(fenced)] == ["~~~\nكد\n~~~~"]
