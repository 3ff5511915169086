"""Markdown code (fenced blocks and backtick spans) goes through the pipeline as written."""

from __future__ import annotations

from dorost import fix, repair, replay
from dorost.code import code_spans
from dorost.inputs.stream import repair_stream

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
    # Backticks open a fence however deep (a list item's); tildes indented four spaces are an ornament.
    nested = "- مورد\n\n    ```\n    كد\n    ```\n"
    assert [nested[start:end] for start, end in code_spans(nested)] == ["    ```\n    كد\n    ```"]
    ornament = "        ~~~~~~\nمتن اول\n        ~~~~~~\n"
    assert code_spans(ornament) == []


def test_code_is_no_evidence_for_the_prose_around_it() -> None:
    # Marks printed before their letter are repaired only in a text that shows the damage often;
    # the words inside the code span do not count, so the prose's one such word stays as written.
    text = "این گنجینٔه است و کد `نسخٔه مٔوثر گنجینٔه` را ببینید"
    assert fix(text) == text
    assert fix(text.replace("`", "")) == "این گنجینهٔ است و کد نسخهٔ مؤثر گنجینهٔ را ببینید"


def test_an_edit_may_change_a_letter_beside_a_backtick_but_not_join_two_runs() -> None:
    # Beside a delimiter, Arabic ك may become ک; an invisible mark between two runs stays, since
    # dropping it would join ` and ` into `` and change what is code.
    assert fix("ك`كد`ك") == "ک`كد`ک"
    once = fix("`\u2000`\u202a`")
    assert fix(once) == once


def test_front_matter_is_kept_and_the_page_below_it_repaired() -> None:
    # A Persian comma in the YAML list would make `[نصب، راهنما]` one tag and break the site's build.
    header = "---\ntitle: راهنمای نصب\ntags: [نصب, راهنما]\ndescription: |\n  اين كتاب , راهنما\n---\n"
    page = header + "\nاين كتاب , راهنما است\n"
    result = repair(page)
    assert result.text.startswith(header)
    assert result.text.endswith("\n\nاین کتاب، راهنما است\n")
    assert replay(result.original, result.edits) == result.text
    assert fix("---\r\ntags: [نصب, راهنما]\r\n...\r\n") == "---\r\ntags: [نصب, راهنما]\r\n...\r\n"


def test_front_matter_opens_the_text_and_closes() -> None:
    # A `---` later in the text, or one that never closes, is a Markdown rule over prose.
    assert fix("متن\n---\ntags: [نصب, راهنما]\n---\n") == "متن\n---\ntags: [نصب، راهنما]\n---\n"
    assert fix("---\ntags: [نصب, راهنما]\n\nاين كتاب\n") == "---\ntags: [نصب، راهنما]\n\nاین کتاب\n"
    # Between two rules, a line of prose (not a key and a colon) shows the block is not YAML.
    assert fix("---\nاين كتاب , خوب است\n---\n") == "---\nاین کتاب، خوب است\n---\n"
    text = "---\ntags: [a, b]\n---\nکد `x` و `y`"
    assert [text[start:end] for start, end in code_spans(text)] == ["---\ntags: [a, b]\n---", "`x`", "`y`"]


def test_an_unclosed_front_matter_costs_linear_time() -> None:
    import time

    text = "---\n" + "key: [a, b]\n" * 200_000
    began = time.perf_counter()
    assert code_spans(text) == []
    assert time.perf_counter() - began < 1.0


def test_toml_front_matter_is_kept_and_the_page_below_it_repaired() -> None:
    # Hugo and Zola write TOML between `+++` lines: a Persian comma would make the array one string.
    header = '+++\ntitle = "راهنمای نصب"\ntags = ["نصب", "راهنما"]\n'
    header += '[params]\n  author.name = "اين كتاب , راهنما"\n+++\n'
    result = repair(header + "\nاين كتاب , راهنما است\n")
    assert result.text == header + "\nاین کتاب، راهنما است\n"
    assert replay(result.original, result.edits) == result.text
    # A line of prose between two `+++` lines (no key and `=`, no table) shows the block is no TOML.
    assert fix("+++\nاين كتاب , خوب است\n+++\n") == "+++\nاین کتاب، خوب است\n+++\n"
    assert fix("متن\n+++\ntags = [نصب, راهنما]\n+++\n") == "متن\n+++\ntags = [نصب، راهنما]\n+++\n"


def _streamed(pieces: list[str], size: int) -> str:
    return "".join(chunk.text for chunk in repair_stream(pieces, size=size))


def test_only_a_streamed_text_s_first_chunk_has_front_matter() -> None:
    # A later chunk that opens with `---` starts at a rule in the text's middle: what follows it is
    # repaired as in the whole text, where it is no front matter.
    text = "اين كتاب اول است.\n\n---\ntags: [نصب, راهنما]\n---\n\nاين كتاب دوم است.\n"
    whole = fix(text)
    assert "[نصب، راهنما]" in whole
    assert _streamed([text], size=20) == whole
    # The front matter that opens the stream is kept whole, even where the source pauses inside it
    # after a blank line (a pause cuts at a blank line).
    header = "---\ntitle: راهنما\n\ntags: [نصب, راهنما]\n---\n"
    assert fix(header + "\nاين كتاب\n") == header + "\nاین کتاب\n"
    assert _streamed([header[:19], "", header[19:] + "\nاين كتاب\n"], size=1000) == header + "\nاین کتاب\n"


# A guide in Markdown as documentation writes one: a list item's second paragraph and its nested item indented under
# its text, a fenced block in the nested item (indented four spaces: deeper than CommonMark's three at a text's
# top, as the item's text is), an indented code block, a script; Persian to repair in each, code to keep.
GUIDE = (
    "- مرحله اول\n"
    "\n"
    "  پاراگراف دوم مرحله كه نصب مي شود\n"
    "\n"
    "  - زيرمرحله\n"
    "\n"
    "    ```sh\n"
    '    echo "مي شود"\n'
    "    ```\n"
    "\n"
    "نمونه خروجي:\n"
    "\n"
    "    نتيجه مي شود\n"
    "\n"
    "    خط دوم خروجي\n"
    "\n"
    '<script>const label = "مي شود";</script>\n'
    "\n"
    "پايان كار\n"
)


def test_a_markdown_files_indentation_and_indented_code_are_kept() -> None:
    from dorost.inputs import fix_markdown

    result = fix_markdown(GUIDE)
    assert result.text == (
        "- مرحله اول\n"
        "\n"
        "  پاراگراف دوم مرحله که نصب می\u200cشود\n"  # still the item's: indented under its text
        "\n"
        "  - زیرمرحله\n"
        "\n"
        "    ```sh\n"
        '    echo "مي شود"\n'  # code in the nested item
        "    ```\n"
        "\n"
        "نمونه خروجی:\n"
        "\n"
        "    نتيجه مي شود\n"  # an indented code block, its blank line and all
        "\n"
        "    خط دوم خروجي\n"
        "\n"
        '<script>const label = "مي شود";</script>\n'
        "\n"
        "پایان کار\n"
    )
    assert replay(result.original, result.edits) == result.text
    assert fix_markdown(result.text).text == result.text
    # As plain text the same lines are prose (only the fence is code there too): nothing Markdown reads is assumed.
    assert "نتیجه می\u200cشود" in fix(GUIDE) and '"می\u200cشود";</script>' in fix(GUIDE)
    assert '    echo "مي شود"' in fix(GUIDE)


def test_an_indented_block_is_code_only_where_markdown_reads_one() -> None:
    from dorost.code import markdown_layout_spans

    def kept(text: str) -> list[str]:
        return [text[start:end] for start, end in markdown_layout_spans(text)]

    # After a paragraph line with no blank line between, an indented line goes on with the paragraph.
    assert kept("متن اول\n    ادامه متن") == ["    "]
    # Under a list item, four spaces are the item's paragraph; six, past its text's two, are its code.
    assert kept("- مورد\n\n    ادامه") == ["    "]
    assert kept("- مورد\n\n      کد") == ["      کد"]
    # An item ends at an unindented line after a blank one: four spaces are code again.
    assert kept("- مورد\n\nمتن\n\n    کد") == ["    کد"]
    # A tab is four columns; a script left unclosed is its own line.
    assert kept("متن\n\n\tکد") == ["\tکد"]
    assert kept("<script>x\nمتن") == ["<script>x"]


def test_a_markdown_line_of_invisible_characters_is_blank_and_the_repair_idempotent() -> None:
    from dorost.inputs import fix_markdown

    # A line that holds only spaces and a ZWNJ (or a mark of direction) is blank once tidy_zwnj removes it: its
    # indentation, and the two spaces of a "hard break" before it, went only the second time round.
    for text in ("- مورد\n\n  \u200c\nمتن", "متن مي شود  \n\u200c\nدوم", "عنوان  \n\t\u200f\n"):
        once = fix_markdown(text).text
        assert fix_markdown(once).text == once, repr(text)
