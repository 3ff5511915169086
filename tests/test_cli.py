"""The command line, through a real subprocess: output, explanations, JSON, diff, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dorost import replay
from dorost.edits import Edit

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article-as-extracted.txt"


def dorost(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dorost", *args], input=stdin, capture_output=True, timeout=120, check=False
    )


def test_fix_reads_stdin_and_writes_stdout() -> None:
    done = dorost("fix", stdin="اين كتاب &ndash; خوب است .".encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "این کتاب – خوب است.\n"


def test_explain_lists_each_edit_with_line_and_column() -> None:
    done = dorost("fix", str(ARTICLE), "--explain")
    assert done.returncode == 0
    log = done.stderr.decode()
    assert "decode_html_entities  &ndash; → –" in log
    assert f"{ARTICLE}:1:1  normalize_whitespace  ␣ → ∅" in log
    assert "&ndash;" not in done.stdout.decode()


def test_explain_lists_edits_in_the_order_of_the_text() -> None:
    # The pipeline makes the letters' edits before the separators'; a reviewer reads line by line.
    done = dorost("fix", "--explain", stdin="در سال ۱۳۹۹ می شود .کتاب\nاين كتاب".encode())
    lines = done.stderr.decode().splitlines()[:-1]
    assert all(line.startswith("<stdin>:") for line in lines)
    places = [tuple(int(part) for part in line.split()[0].split(":")[1:]) for line in lines]
    assert [line.split()[1] for line in lines] == [
        "restore_spacing",
        "fix_punctuation",  # the space moved from before the full stop to after it: one edit
        *["unify_arabic_letters"] * 2,
    ]
    assert places == sorted(places)


def test_json_output_replays(tmp_path: Path) -> None:
    done = dorost("fix", str(ARTICLE), "--json")
    data = json.loads(done.stdout)
    edits = [Edit.from_dict(item) for item in data["edits"]]
    assert replay(ARTICLE.read_text(encoding="utf-8"), edits) == data["text"]
    assert data["counts"]["decode_html_entities"] == 2


def test_diff_marks_changed_words() -> None:
    done = dorost("fix", "--diff", stdin="اين كتاب".encode())
    assert done.stdout.decode().strip() == "[-اين-]{+این+} [-كتاب-]{+کتاب+}"


def test_diff_names_the_invisible_characters_it_changed() -> None:
    # A ZWNJ put in a word, a no-break space made a space: the words look the same on a screen.
    done = dorost("fix", "--diff", stdin="این کتاب می شود و\u00a0خوب است.\n".encode())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == (
        "این کتاب [-می شود-]{+می<ZERO WIDTH NON-JOINER>شود+} و[-<NO-BREAK SPACE>-]{+␣+}خوب است.\n"
    )


def test_json_and_diff_together_are_a_usage_error() -> None:
    # Each replaces the text on standard output; the one given second was silently dropped.
    done = dorost("fix", "--json", "--diff", stdin="اين كتاب".encode())
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode() == "dorost: error: --json and --diff are two ways to print the result; give one\n"


def test_each_input_starts_on_a_line_of_its_own(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("اين كتاب", encoding="utf-8")  # no line break at its end
    second.write_text("مي شود\n", encoding="utf-8")
    done = dorost("fix", str(first), str(second))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "این کتاب\nمی\u200cشود\n"
    piped = dorost("fix", "-", str(second), "--diff", stdin="كتاب".encode())
    assert piped.stdout.decode() == "[-كتاب-]{+کتاب+}\n[-مي شود-]{+می<ZERO WIDTH NON-JOINER>شود+}\n"


@pytest.mark.parametrize("only", ["", ",", " , "])
def test_only_without_a_fix_name_is_a_usage_error(only: str) -> None:
    # An empty list ran every fix when it was "" and none when it was ",".
    done = dorost("fix", "--only", only, stdin="مي شود".encode())
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode() == "dorost: error: --only needs the names of the fixes to run (see `dorost fixes`)\n"
    assert dorost("check", "--only", only, stdin="مي شود".encode()).returncode == 2


def test_output_file_and_refusal_to_overwrite_input(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("اين", encoding="utf-8")
    target = tmp_path / "out.txt"
    assert dorost("fix", str(source), "-o", str(target)).returncode == 0
    # A file ends with a line break, as standard output does and as a streamed input's file does.
    assert target.read_text(encoding="utf-8") == "این\n"
    refused = dorost("fix", str(source), "-o", str(source))
    assert refused.returncode == 2
    assert b"refusing to overwrite" in refused.stderr
    assert source.read_text(encoding="utf-8") == "اين"


def test_only_and_skip_and_policies() -> None:
    text = "اين ١٤٠٣ &ndash;".encode()
    assert dorost("fix", "--only", "unify_digits", stdin=text).stdout.decode() == "اين ۱۴۰۳ &ndash;\n"
    assert dorost("fix", "--skip", "unify_arabic_letters", stdin=text).stdout.decode() == "اين ۱۴۰۳ –\n"
    assert dorost("fix", "--digits", "latin", stdin=text).stdout.decode() == "این 1403 –\n"
    bad = dorost("fix", "--only", "no_such_fix", stdin=text)
    assert bad.returncode == 2 and b"unknown fix: no_such_fix" in bad.stderr
    # Given twice, each adds its fixes (a pre-commit hook's own `args: [--skip X]` after its entry's `--skip`).
    twice = dorost("fix", "--skip", "unify_arabic_letters", "--skip", "decode_html_entities", stdin=text)
    assert twice.stdout.decode() == "اين ۱۴۰۳ &ndash;\n"
    assert dorost("check", "--only", "unify_digits", "--only", "unify_arabic_letters", stdin=text).returncode == 1


@pytest.mark.parametrize("command", ["fix", "check", "batch"])
def test_a_family_given_for_a_fix_names_its_fixes(command: str, tmp_path: Path) -> None:
    # `dorost fixes` prints each fix's family beside its name, and `--skip layout` is the first thing tried.
    source = tmp_path / "a.txt"
    source.write_text("اين كتاب\n", encoding="utf-8")
    extra = ["-o", str(tmp_path / "out")] if command == "batch" else []
    done = subprocess.run(
        [sys.executable, "-m", "dorost", command, str(source), *extra, "--skip", "unify_digits,layout"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "dorost: error: layout is a family of fixes, not a fix; its fixes are unwrap_embedded_runs,"
        "restore_visual_order,remove_page_furniture,reorder_reversed_runs,join_broken_lines (see `dorost fixes`)\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02\x03binary", b"binary data"),
        (b"caf\xe9 cr\xe8me br\xfbl\xe9e", b"neither UTF-8 nor Persian Windows-1256"),
    ],
)
def test_bad_input_is_a_clear_error_not_a_traceback(data: bytes, message: bytes) -> None:
    done = dorost("fix", stdin=data)
    assert done.returncode == 3
    assert message in done.stderr
    assert b"Traceback" not in done.stderr


def test_other_encodings_are_read() -> None:
    # Windows-1256 has no Persian ی: such files carry Arabic ي, which unify_arabic_letters writes as ی.
    assert dorost("fix", stdin="سلام دنيا".encode("windows-1256")).stdout.decode() == "سلام دنیا\n"
    assert dorost("fix", stdin="سلام دنیا".encode("utf-16")).stdout.decode() == "سلام دنیا\n"
    assert dorost("fix", stdin=b"\xef\xbb\xbf" + "سلام".encode()).stdout.decode() == "سلام\n"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = dorost("fix", str(tmp_path / "nope.txt"))
    assert missing.returncode == 3 and b"no such file" in missing.stderr
    folder = dorost("fix", str(tmp_path))
    assert folder.returncode == 3 and b"is a folder" in folder.stderr


def test_empty_input() -> None:
    done = dorost("fix", stdin=b"")
    assert done.returncode == 0 and done.stdout == b""


def test_check_reports_and_sets_exit_status(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("این کتاب خوب است.\n", encoding="utf-8")
    assert dorost("check", str(clean)).returncode == 0
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("خوب\nاين كتاب\n", encoding="utf-8")
    done = dorost("check", str(dirty))
    assert done.returncode == 1
    assert f"{dirty}:2:2  unify_arabic_letters  ي → ی".encode() in done.stdout
    assert dirty.read_text(encoding="utf-8") == "خوب\nاين كتاب\n"


def test_check_reports_an_unreadable_input_and_checks_the_rest(tmp_path: Path) -> None:
    # A linter over a repository's files: one it cannot read (here in UTF-16 without its mark, and one gone) is
    # said in one line each, and the files after it are still checked; the exit code says an input was not read.
    first, last = tmp_path / "a.txt", tmp_path / "c.txt"
    first.write_text("اين\n", encoding="utf-8")
    last.write_text("كتاب\n", encoding="utf-8")
    unreadable = tmp_path / "b.txt"
    unreadable.write_bytes("متن\n".encode("utf-16-le"))
    done = dorost("check", str(first), str(unreadable), str(tmp_path / "gone.txt"), str(last))
    assert done.returncode == 3
    assert done.stdout.decode().splitlines() == [
        f"{first}:1:2  unify_arabic_letters  ي → ی  (0.98)",
        f"{last}:1:1  unify_arabic_letters  ك → ک  (0.98)",
    ]
    assert done.stderr.decode().splitlines() == [
        f"dorost: error: {unreadable}: the input looks like UTF-16 without a byte-order mark; save it as UTF-8",
        f"dorost: error: {tmp_path / 'gone.txt'}: no such file",
    ]
    # A usage error still stops before any input is read.
    assert dorost("check", str(first), "--only", "nothing").returncode == 2


def test_version_and_fix_list() -> None:
    assert dorost("--version").stdout.decode().startswith("dorost, version")
    listing = dorost("fixes").stdout.decode()
    assert "decode_html_entities" in listing and "normalize_whitespace" in listing


def test_explain_and_check_name_standard_input_alike(tmp_path: Path) -> None:
    # Among several inputs an unnamed line could belong to any of them; `check` already said <stdin>.
    text = "مي شود كتاب".encode()
    named = tmp_path / "a.txt"
    named.write_bytes("اين كتاب".encode())
    explained = dorost("fix", str(named), "-", "--explain", stdin=text)
    checked = dorost("check", "-", stdin=text)
    assert explained.returncode == 0 and checked.returncode == 1
    log = explained.stderr.decode().splitlines()
    stdin_lines = [line for line in log if line.startswith("<stdin>:1:")]
    assert stdin_lines == checked.stdout.decode().splitlines()
    assert len(stdin_lines) == 3
    # Each input's closing count names it where there are several.
    assert f"{named}: 2 edits: unify_arabic_letters 2" in log
    assert "<stdin>: 3 edits: unify_arabic_letters 2, restore_spacing 1" in log


def test_the_closing_count_of_one_edit_is_singular() -> None:
    done = dorost("fix", "--explain", stdin="كتاب".encode())
    assert done.stderr.decode().splitlines()[-1] == "1 edit: unify_arabic_letters 1"


def test_an_empty_input_after_an_unfinished_one_adds_no_blank_line(tmp_path: Path) -> None:
    first, empty = tmp_path / "a.txt", tmp_path / "empty.txt"
    first.write_bytes("كتاب".encode())
    empty.write_bytes(b"")
    done = dorost("fix", str(first), str(empty))
    assert done.stdout.decode() == "کتاب\n"


@pytest.mark.parametrize("command", ["fix", "check"])
def test_an_empty_path_is_a_usage_error(command: str) -> None:
    # `dorost fix "$FILE"` with the variable unset: not the current folder.
    done = dorost(command, "")
    assert done.returncode == 2
    assert done.stderr.decode() == "dorost: error: an empty PATH names no file\n"


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ("abc", "--pages abc: use page numbers and ranges like 2-5 or 1,3,7-9"),
        ("0", "--pages 0: 0 is not a range of pages (they start at 1)"),
        ("5-2", "--pages 5-2: 5-2 is not a range of pages (they start at 1)"),
        (",", "--pages ,: no pages given"),
    ],
)
def test_a_malformed_page_range_is_a_usage_error_before_any_input_is_read(pages: str, message: str) -> None:
    # No PDF could make these right, so they are usage errors (2), as the README's table says, and
    # standard input is not waited for.
    for command in ("fix", "check"):
        done = dorost(command, "--pages", pages, stdin="كتاب".encode())
        assert done.returncode == 2, done.stderr
        assert done.stderr.decode() == f"dorost: error: {message}\n"


def test_a_page_range_a_pdf_may_hold_is_judged_by_the_pdf(shared: Path) -> None:
    pdf = shared / "pdfs" / "generated" / "xelatex_prose.pdf"
    done = dorost("fix", str(pdf), "--pages", "9")
    assert done.returncode == 3
    assert done.stderr.decode().endswith("--pages 9: the PDF has 2 pages\n")
    done = dorost("fix", str(pdf), "--pages", "۲")
    assert done.returncode == 0 and done.stdout.strip()


def test_json_prints_one_object_a_line_per_input(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes("اين كتاب".encode())
    second.write_bytes("مي شود\n".encode())
    done = dorost("fix", str(first), str(second), "--json")
    lines = done.stdout.decode().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(first), str(second)]
    assert [json.loads(line)["text"] for line in lines] == ["این کتاب", "می\u200cشود\n"]


@pytest.mark.parametrize("command", ["fix", "check"])
def test_options_that_leave_no_fix_to_run_are_a_usage_error(command: str) -> None:
    # The text would come back as it went, and `check` would call it clean.
    done = dorost(command, "--only", "unify_arabic_letters", "--skip", "unify_arabic_letters", stdin="كتاب".encode())
    assert done.returncode == 2
    assert done.stderr.decode() == "dorost: error: --only and --skip leave no fix to run (see `dorost fixes`)\n"


def test_fix_and_check_restore_with_the_corpus_collector_thresholds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A large file is a corpus run too: the collector's thresholds are dorost batch's while `fix` and
    `check` restore (with the defaults, collection walked the fixes' large memories for a fifth of the
    CPU time of 2.7 MB), and the caller's own again afterwards (the command may run inside a program)."""
    import gc

    from click.testing import CliRunner

    from dorost import cli
    from dorost.memory import COLLECTOR_THRESHOLDS

    seen: list[tuple[int, ...]] = []
    repairs = cli._repairs

    def watched(*args: object, **kwargs: object) -> object:
        for item in repairs(*args, **kwargs):  # type: ignore[arg-type]
            seen.append(gc.get_threshold())
            yield item

    monkeypatch.setattr(cli, "_repairs", watched)
    before = gc.get_threshold()
    path = tmp_path / "article.txt"
    path.write_text("اين كتاب مي شود\n", encoding="utf-8")
    fixed = CliRunner().invoke(cli.main, ["fix", str(path)])
    assert fixed.output == "این کتاب می\u200cشود\n"
    checked = CliRunner().invoke(cli.main, ["check", str(path)])
    assert checked.exit_code == 1
    assert seen == [COLLECTOR_THRESHOLDS] * 2
    assert gc.get_threshold() == before


def test_commands_load_only_what_they_need() -> None:
    # `dorost fix` and `dorost batch` start without the web service's command, the web page front end,
    # statistics (which loads random, fractions and decimal), HTML's table of entity names, difflib (for
    # --diff) or gzip (for compressed shards); `dorost --help` still lists `serve`, which runs.
    unneeded = ("dorost.web.command", "dorost.inputs.html", "statistics", "html.entities", "difflib", "gzip")
    code = (
        "import sys, dorost.cli, dorost.batch.runner, dorost.batch.worker; "
        f"print(sorted(m for m in {unneeded!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=True)
    assert done.stdout.decode().strip() == "[]"
    listed = dorost("--help")
    assert listed.returncode == 0
    names = [line.split()[0] for line in listed.stdout.decode().split("Commands:")[1].splitlines() if line.strip()]
    assert names == ["batch", "check", "fix", "fixes", "serve"]
    served = dorost("serve", "--help")
    assert served.returncode == 0 and "--port" in served.stdout.decode()


_LOADED_BY_FIX = (
    "import sys\n"
    "from dorost.cli import run\n"
    "sys.argv = ['dorost', 'fix', sys.argv[1]]\n"
    "try:\n"
    "    run()\n"
    "finally:\n"
    "    print('html front end loaded:', 'dorost.inputs.html' in sys.modules, file=sys.stderr)\n"
)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("اين كتاب مي شود\n", "این کتاب می\u200cشود\n"),
        # A sign like a tag's: the front end is asked, finds no page, and the text is restored as text.
        ("کتاب a < b و c > d است\n", "کتاب a < b و c > d است\n"),
        # A page: what a browser shows of it.
        ("<!doctype html><p>اين كتاب مي شود</p>\n", "این کتاب می\u200cشود\n"),
    ],
)
def test_fix_loads_the_web_page_front_end_only_for_a_text_with_a_tag(tmp_path: Path, text: str, fixed: str) -> None:
    path = tmp_path / "input.txt"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _LOADED_BY_FIX, str(path)], capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert ("html front end loaded: True" in done.stderr.decode()) == ("<" in text)
    assert done.stdout.decode() == fixed


def test_fix_check_and_batch_take_and_refuse_the_same_fix_options(tmp_path: Path) -> None:
    # One declaration and one reading of --only/--skip/--digits/--diacritics (dorost.command_options):
    # the three commands list them alike and refuse the same words with the same line, before any input is read.
    import click
    from click.testing import CliRunner

    from dorost.cli import main

    (tmp_path / "a.txt").write_text("مي شود\n", encoding="utf-8")
    commands = [["fix", str(tmp_path / "a.txt")], ["check", str(tmp_path / "a.txt")]]
    commands.append(["batch", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o")])
    for name in ("only", "skip", "digits", "diacritics"):
        described = set()
        for command in commands:
            (option,) = [param for param in main.commands[command[0]].params if param.name == name]
            assert isinstance(option, click.Option)
            described.add((tuple(option.opts), option.help, option.default, option.multiple, repr(option.type)))
        assert len(described) == 1, described
    refused = [
        (["--only", ""], "--only needs the names of the fixes to run (see `dorost fixes`)"),
        (["--skip", "layout"], "layout is a family of fixes, not a fix"),
        (["--skip", "no_such_fix"], "unknown fix: no_such_fix (see `dorost fixes`)"),
        (["--only", "unify_arabic_letters", "--skip", "unify_arabic_letters"], "--only and --skip leave no fix to run"),
    ]
    for words, message in refused:
        for command in commands:
            result = CliRunner().invoke(main, [*command, *words])
            assert result.exit_code == 2 and f"dorost: error: {message}" in result.output, (command, words)
    assert not (tmp_path / "o").exists()


def test_the_help_of_fix_and_check_names_the_exit_codes_they_use() -> None:
    # The help states each command's exit codes: they must be the codes the command ends with.
    import re

    from click.testing import CliRunner

    from dorost import cli

    errors = {cli.EXIT_USAGE, cli.EXIT_INPUT, cli.EXIT_OUTPUT, cli.EXIT_INTERRUPTED}
    for command, codes in (("fix", {0, *errors}), ("check", {0, cli.EXIT_CHANGES, *errors})):
        help_text = " ".join(CliRunner().invoke(cli.main, [command, "--help"]).output.split())
        said = help_text.split("Exit code:", 1)[1].split("Options:", 1)[0]
        assert {int(code) for code in re.findall(r"\b(\d+) (?:when|for)\b", said)} == codes, said
