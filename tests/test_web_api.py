"""The JSON API and the page's files, in-process (httpx over ASGI), on real Persian text."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

httpx = pytest.importorskip("httpx", reason="the web tests need httpx (pip install 'dorost[web-test]')")
pytest.importorskip("starlette", reason="the web tests need the web extra (pip install 'dorost[web]')")

from click.testing import CliRunner  # noqa: E402
from starlette.applications import Starlette  # noqa: E402

import dorost.web.jobs as web_jobs  # noqa: E402
from dorost import Config, repair  # noqa: E402
from dorost.cli import main  # noqa: E402
from dorost.config import DIGIT_POLICIES  # noqa: E402
from dorost.inputs import repair_bytes  # noqa: E402
from dorost.pipeline import FIXES  # noqa: E402
from dorost.web.app import create_app  # noqa: E402
from dorost.web.limits import Limits  # noqa: E402
from web_client import call  # noqa: E402

SAMPLE = "اين كتاب &ndash; بسيار خوب است ."  # Arabic yeh and kaf, an HTML entity, space before the dot


def gather(
    app: Starlette, make: Callable[[httpx.AsyncClient], list[Coroutine[Any, Any, httpx.Response]]]
) -> list[httpx.Response]:
    """Send several requests at once to one app (one event loop), and return the answers in order."""

    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://dorost.test", timeout=30) as client:
            return list(await asyncio.gather(*make(client)))

    return asyncio.run(go())


def session(app: Starlette, scenario: Callable[[httpx.AsyncClient], Coroutine[Any, Any, None]]) -> None:
    """Run a scenario of several requests against one app in one event loop."""

    async def go() -> None:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://dorost.test", timeout=30) as client:
            await scenario(client)

    asyncio.run(go())


@pytest.fixture(scope="module")
def app() -> Iterator[Starlette]:
    application = create_app()  # worker processes, as `dorost serve` runs
    yield application
    application.state.worker.close()


@pytest.fixture(scope="module")
def article(shared: Path) -> str:
    return (shared / "seed" / "article-as-extracted.txt").read_text(encoding="utf-8")


def check_payload(data: dict[str, Any]) -> None:
    """The invariants every fix answer keeps: spans inside the text, marks covering their edits."""
    text = data["text"]
    assert set(data) >= {"text", "edits", "counts", "marks"}
    counted: dict[str, int] = {}
    for edit in data["edits"]:
        assert 0 <= edit["text_start"] <= edit["text_end"] <= len(text)
        counted[edit["fix"]] = counted.get(edit["fix"], 0) + 1
    assert counted == data["counts"]
    covered = sorted(i for mark in data["marks"] for i in mark["edits"])
    assert covered == list(range(len(data["edits"])))
    for mark in data["marks"]:
        for i in mark["edits"]:
            edit = data["edits"][i]
            assert mark["start"] <= edit["text_start"] <= edit["text_end"] <= mark["end"]


def test_fix_sample_sentence(app: Starlette) -> None:
    response = call(app, "POST", "/api/fix", json={"text": SAMPLE})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"
    data = response.json()
    check_payload(data)
    assert data["text"] == repair(SAMPLE).text
    assert "كتاب" not in data["text"] and "کتاب" in data["text"] and "&ndash;" not in data["text"]
    kaf = next(edit for edit in data["edits"] if edit["before"] == "ك")
    assert kaf["fix"] == "unify_arabic_letters" and kaf["after"] == "ک"
    assert data["text"][kaf["text_start"] : kaf["text_end"]] == "ک"
    assert SAMPLE[kaf["start"] : kaf["end"]] == "ك"


def test_fix_article_matches_the_library(app: Starlette, article: str) -> None:
    data = call(app, "POST", "/api/fix", json={"text": article}).json()
    expected = repair(article)
    assert data["text"] == expected.text
    assert data["counts"] == expected.counts()
    assert [edit["before"] for edit in data["edits"]] == [edit.before for edit in expected.edits]
    check_payload(data)
    assert data["marks"]


def test_options_policies_and_families(app: Starlette) -> None:
    text = "سال 1403 كتاب"
    persian = call(app, "POST", "/api/fix", json={"text": text, "options": {"digits": "persian"}}).json()
    assert "۱۴۰۳" in persian["text"] and "1403" not in persian["text"]
    skipped = call(app, "POST", "/api/fix", json={"text": text, "options": {"skip_families": ["letters"]}}).json()
    assert "كتاب" in skipped["text"]
    assert not {edit["fix"] for edit in skipped["edits"]} & {f.name for f in FIXES if f.family == "letters"}
    only = call(app, "POST", "/api/fix", json={"text": "ك ي", "options": {"only": ["unify_arabic_letters"]}})
    assert only.json()["text"] == "ک ی"
    vowelled = "کِتاب"  # kasra under the kaf
    kept = call(app, "POST", "/api/fix", json={"text": vowelled}).json()["text"]
    removed = call(app, "POST", "/api/fix", json={"text": vowelled, "options": {"diacritics": "remove"}}).json()
    assert "\u0650" in kept and removed["text"] == "کتاب"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"not json", "must be JSON"),
        (b'["text"]', '"text" string'),
        (b'{"txt": "x"}', '"text" string'),
        (b'{"text": "x", "extra": 1}', "unknown field: extra"),
        (b'{"text": "x", "options": {"digits": "roman"}}', "options.digits must be one of"),
        (b'{"text": "x", "options": {"digit": "latin"}}', "unknown option: digit"),
        (b'{"text": "x", "options": {"skip": ["fix_everything"]}}', "unknown fix: fix_everything"),
        (b'{"text": "x", "options": {"skip_families": ["magic"]}}', "unknown fix family: magic"),
        (
            b'{"text": "x", "options": {"skip": ["layout"]}}',
            "unknown fix: layout (see GET /api/fixes; layout is a family: see skip_families)",
        ),
        (b'{"text": "x", "options": ["digits"]}', "options must be an object"),
        # A name given twice: the parser would keep the last value and drop the first unseen.
        (
            b'{"text": "\xd9\x85\xd9\x8a \xd8\xb4\xd9\x88\xd8\xaf", "text": "x"}',
            "the JSON gives 'text' twice",
        ),
        (b'{"text": "x", "options": {"digits": "latin", "digits": "persian"}}', "the JSON gives 'digits' twice"),
        # Every family switched off on the page: no fix would run, and "no edits" would pass for a clean text.
        (
            b'{"text": "x", "options": {"skip_families": ["encoding", "layout", "letters", "separators"]}}',
            "the options leave no fix to run",
        ),
        # As `dorost fix --only ""`: no fix run would answer "no edits" for a damaged text.
        (b'{"text": "\xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8", "options": {"only": []}}', "options.only needs the names"),
    ],
)
def test_bad_requests_get_a_clear_json_message(app: Starlette, body: bytes, expected: str) -> None:
    response = call(app, "POST", "/api/fix", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert expected in response.json()["error"]


def test_unknown_paths_and_methods_are_json(app: Starlette) -> None:
    missing = call(app, "GET", "/api/nothing")
    assert missing.status_code == 404 and "/api/nothing" in missing.json()["error"]
    wrong = call(app, "GET", "/api/fix")
    assert wrong.status_code == 405 and "GET" in wrong.json()["error"]
    assert call(app, "GET", "/static/../../pyproject.toml").status_code == 404
    assert call(app, "GET", "/static/nothing.js").json()["error"] == "no such file: nothing.js"


def test_text_size_limit() -> None:
    small = create_app(Limits(max_text_bytes=1000, workers="thread"))
    fits = "س" * 500  # 1000 bytes in UTF-8
    assert call(small, "POST", "/api/fix", json={"text": fits}).status_code == 200
    over = call(small, "POST", "/api/fix", json={"text": fits + "س"})
    assert over.status_code == 413 and "1 KB limit" in over.json()["error"]
    # A body far past the limit is refused from its Content-Length, before it is read.
    huge = call(small, "POST", "/api/fix", content=b"x" * 200_000, headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and "limit" in huge.json()["error"]


def test_text_file_upload_in_windows_1256(app: Starlette) -> None:
    data = SAMPLE.encode("cp1256")
    response = call(app, "POST", "/api/fix-pdf", files={"file": ("old.txt", data, "text/plain")})
    assert response.status_code == 200, response.text
    body = response.json()
    check_payload(body)
    assert body["text"] == repair_bytes(data).text
    assert "کتاب" in body["text"]


def test_upload_errors(app: Starlette) -> None:
    no_file = call(app, "POST", "/api/fix-pdf", files={"other": ("a.txt", b"x", "text/plain")})
    assert no_file.status_code == 400 and "'file'" in no_file.json()["error"]
    not_form = call(app, "POST", "/api/fix-pdf", content=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    assert not_form.status_code == 400 and "multipart/form-data" in not_form.json()["error"]
    bad_options = call(
        app,
        "POST",
        "/api/fix-pdf",
        files={"file": ("a.txt", "سلام".encode(), "text/plain")},
        data={"options": "{digits"},
    )
    assert bad_options.status_code == 400 and "'options' field must be JSON" in bad_options.json()["error"]
    twice = call(
        app,
        "POST",
        "/api/fix-pdf",
        files={"file": ("a.txt", "۱۲۳".encode(), "text/plain")},
        data={"options": '{"digits": "latin", "digits": "keep"}'},
    )
    assert twice.status_code == 400 and "the JSON gives 'digits' twice" in twice.json()["error"]
    binary = call(app, "POST", "/api/fix-pdf", files={"file": ("a.bin", bytes(range(256)) * 8, "application/x")})
    assert binary.status_code == 422 and binary.json()["error"]
    empty_pdf = call(app, "POST", "/api/fix-pdf", files={"file": ("scan.pdf", b"", "application/pdf")})
    assert empty_pdf.status_code == 422
    assert empty_pdf.json()["error"] == "scan.pdf: the file is empty (0 bytes), not a PDF"
    empty_text = call(app, "POST", "/api/fix-pdf", files={"file": ("notes.txt", b"", "text/plain")})
    assert empty_text.status_code == 200 and empty_text.json()["text"] == ""
    # A policy sent as a field of its own, as a curl user may guess, is refused rather than ignored.
    upload = {"file": ("a.txt", "سال ۱۴۰۳".encode(), "text/plain")}
    loose = call(app, "POST", "/api/fix-pdf", files=upload, data={"digits": "latin"})
    assert loose.status_code == 400
    assert loose.json()["error"].startswith("unknown form field: digits (known: file, options, pages, password;")


def test_upload_size_limits(shared: Path) -> None:
    pdf = (shared / "pdfs" / "generated" / "chromium_prose.pdf").read_bytes()
    small = create_app(Limits(max_text_bytes=100, max_pdf_bytes=len(pdf) - 1))
    too_big = call(small, "POST", "/api/fix-pdf", files={"file": ("a.pdf", pdf, "application/pdf")})
    assert too_big.status_code == 413 and "the PDF is larger than" in too_big.json()["error"]
    text = call(small, "POST", "/api/fix-pdf", files={"file": ("a.txt", "س".encode() * 51, "text/plain")})
    assert text.status_code == 413 and "the text file is larger than" in text.json()["error"]


def test_pdf_upload(app: Starlette, shared: Path) -> None:
    health = call(app, "GET", "/api/health").json()
    if not health["pdf"]:
        pytest.skip("the PDF front end (dorost.inputs.pdf) is not installed")
    folder = shared / "pdfs" / "generated"
    pdf = (folder / "chromium_prose.pdf").read_bytes()
    response = call(
        app,
        "POST",
        "/api/fix-pdf",
        files={"file": ("prose.pdf", pdf, "application/pdf")},
        data={"options": json.dumps({"digits": "persian"})},
    )
    assert response.status_code == 200, response.text
    data = response.json()
    check_payload(data)
    assert data["pages"] and data["pages"][0] == 1
    assert data["text"] == repair_bytes(pdf, Config(digits="persian")).text
    gold_words = set((folder / "chromium_prose.gt.txt").read_text(encoding="utf-8").split())
    words = data["text"].split()
    assert sum(word in gold_words for word in words) > 0.8 * len(words)
    one_page = call(
        app, "POST", "/api/fix-pdf", files={"file": ("prose.pdf", pdf, "application/pdf")}, data={"pages": "2"}
    )
    assert one_page.status_code == 200 and one_page.json()["pages"] == [2]


def test_time_limit_answers_504_and_keeps_the_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow_run(text: str, config: Config | None = None) -> Any:
        release.wait(10)
        return repair(text, config)

    monkeypatch.setattr(web_jobs, "run", slow_run)
    app = create_app(Limits(timeout=0.3, concurrency=1, max_pending=4, workers="thread"))

    async def scenario(client: httpx.AsyncClient) -> None:
        started = time.monotonic()
        late = await client.post("/api/fix", json={"text": SAMPLE})
        assert late.status_code == 504 and "0.3 s limit" in late.json()["error"]
        assert time.monotonic() - started < 5
        # The timed-out repair still holds the only worker: the next request cannot get one.
        busy = await client.post("/api/fix", json={"text": SAMPLE})
        assert busy.status_code == 503 and "no worker came free" in busy.json()["error"]
        assert busy.headers["retry-after"]
        assert (await client.get("/api/health")).status_code == 200  # the server itself still answers
        release.set()
        monkeypatch.setattr(web_jobs, "run", repair)
        await asyncio.sleep(0.2)  # the slow repair ends and gives its worker back
        again = await client.post("/api/fix", json={"text": SAMPLE})
        assert again.status_code == 200 and again.json()["text"] == repair(SAMPLE).text

    session(app, scenario)


def test_worker_process_past_the_time_limit_is_replaced(article: str) -> None:
    app = create_app(Limits(timeout=1.0, concurrency=1))
    workers = app.state.worker

    async def scenario(client: httpx.AsyncClient) -> None:
        assert (await client.post("/api/fix", json={"text": SAMPLE})).status_code == 200
        first = workers.pids()[0]
        assert first is not None
        started = time.monotonic()
        # About 4 MB, just under the size limit: many seconds of work even on a fast machine.
        late = await client.post("/api/fix", json={"text": article * 1200})
        assert late.status_code == 504 and "1 s limit" in late.json()["error"]
        assert time.monotonic() - started < 10
        assert workers.pids() == [None]  # killed at the deadline, not left running
        again = await client.post("/api/fix", json={"text": SAMPLE})
        assert again.status_code == 200 and again.json()["text"] == repair(SAMPLE).text
        assert workers.pids()[0] not in (None, first)

    try:
        session(app, scenario)
    finally:
        workers.close()


def test_bounded_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    running = 0
    most = 0
    lock = threading.Lock()

    def counting_run(text: str, config: Config | None = None) -> Any:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.3)
        with lock:
            running -= 1
        return repair(text, config)

    monkeypatch.setattr(web_jobs, "run", counting_run)
    app = create_app(Limits(concurrency=2, max_pending=6, timeout=20, workers="thread"))
    answers = gather(app, lambda client: [client.post("/api/fix", json={"text": SAMPLE}) for _ in range(10)])
    statuses = sorted(response.status_code for response in answers)
    assert most == 2
    assert statuses.count(200) == 6 and statuses.count(503) == 4
    refused = next(response for response in answers if response.status_code == 503)
    assert refused.json()["error"] == "the server is busy; try again shortly"


def test_slow_upload_gets_408() -> None:
    app = create_app(Limits(timeout=0.5, workers="thread"))

    async def trickle() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        await asyncio.sleep(2)
        yield b'x"}'

    response = call(app, "POST", "/api/fix", content=trickle(), headers={"Content-Type": "application/json"})
    assert response.status_code == 408 and "did not arrive within 0.5 s" in response.json()["error"]


def test_serve_explains_a_missing_web_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if `pip install 'dorost[web]'` had not run
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "pip install 'dorost[web]'" in result.output


def test_internal_errors_are_json(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, config: Config | None = None) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(web_jobs, "run", broken)
    response = call(create_app(Limits(workers="thread")), "POST", "/api/fix", json={"text": SAMPLE})
    assert response.status_code == 500 and "RuntimeError" in response.json()["error"]


def test_health_fixes_and_openapi(app: Starlette) -> None:
    health = call(app, "GET", "/api/health").json()
    assert health["status"] == "ok" and health["limits"]["max_text_bytes"] == 5 * 1024 * 1024
    fixes = call(app, "GET", "/api/fixes").json()
    assert [fix["name"] for fix in fixes["fixes"]] == [fix.name for fix in FIXES]
    assert fixes["policies"]["digits"] == list(DIGIT_POLICIES)
    assert all(family["label"] for family in fixes["families"])
    spec = call(app, "GET", "/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    api_routes = {route.path for route in app.routes if route.path.startswith("/api/")}  # type: ignore[attr-defined]
    assert set(spec["paths"]) == api_routes
    schemas = spec["components"]["schemas"]
    answer = call(app, "POST", "/api/fix", json={"text": SAMPLE}).json()
    assert set(schemas["FixResponse"]["required"]) <= set(answer)
    assert set(schemas["Edit"]["required"]) <= set(answer["edits"][0])
    assert set(schemas["Health"]["required"]) <= set(health)
    assert set(schemas["Options"]["properties"]) == {
        "digits",
        "diacritics",
        "only",
        "skip",
        "skip_families",
        "markdown",
    }


def test_page_and_docs_are_served_offline(app: Starlette) -> None:
    page = call(app, "GET", "/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'lang="fa" dir="rtl"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    docs = call(app, "GET", "/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text
    for html in (page.text, docs.text):
        assert "http://" not in html and "https://" not in html  # nothing from elsewhere
    for name in ("app.js", "style.css", "docs.js", "docs.css", "icon.svg"):
        served = call(app, "GET", f"/static/{name}")
        assert served.status_code == 200, name
        assert "https://" not in served.text and "@import" not in served.text


def test_serve_command_is_registered() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output and "--max-pdf-mb" in result.output


def _with_marks_undone(data: dict[str, Any], undone: set[int]) -> str:
    """The answer's text with the chosen marks set back to the input they replaced (what the page does)."""
    text, out, cursor = data["text"], [], 0
    for index, mark in enumerate(data["marks"]):
        assert mark["start"] >= cursor  # marks in order, never overlapping
        out.append(text[cursor : mark["start"]])
        out.append(mark["before"] if index in undone else text[mark["start"] : mark["end"]])
        cursor = mark["end"]
    return "".join(out) + text[cursor:]


def test_every_mark_can_be_turned_back(app: Starlette, article: str) -> None:
    # A reviewer may turn back any marks: all of them give the input back, each alone undoes its edits.
    for text in (article, SAMPLE, "گفت،\u200cبه خانه\u200c\nرفت", "ﻙتاب   ها " * 3):
        data = call(app, "POST", "/api/fix", json={"text": text}).json()
        assert _with_marks_undone(data, set(range(len(data["marks"])))) == text
        for index, mark in enumerate(data["marks"]):
            one = _with_marks_undone(data, {index})
            assert one == data["text"][: mark["start"]] + mark["before"] + data["text"][mark["end"] :]
            if len(mark["edits"]) == 1:  # one edit: its own before
                assert mark["before"] == data["edits"][mark["edits"][0]]["before"]


def test_a_saved_web_page_is_read_as_its_shown_text(app: Starlette) -> None:
    # The file picker sends a saved page as it is: the answer is the page's visible text, repaired, and every
    # mark turned back gives that text (not the markup) back.
    page = (
        "<!DOCTYPE html><html><head><title>عنوان</title><script>var x = 1;</script></head>"
        "<body><h1>گروههای امدادی</h1><p>سازمان های بین المللی &ndash; امروز</p></body></html>"
    ).encode()
    data = call(app, "POST", "/api/fix-pdf", files={"file": ("page.html", page, "text/html")}).json()
    check_payload(data)
    assert data["text"] == "گروه\u200cهای امدادی\n\nسازمان\u200cهای بین\u200cالمللی – امروز"
    assert _with_marks_undone(data, set(range(len(data["marks"])))) == "گروههای امدادی\n\nسازمان های بین المللی – امروز"


def test_a_malformed_page_range_is_a_bad_request_and_one_past_the_end_unreadable(app: Starlette, shared: Path) -> None:
    # No PDF could make `abc` right: the request is wrong (400), as `dorost fix --pages abc` is a
    # usage error; a page the PDF does not hold is the document's answer (422).
    pdf = (shared / "pdfs" / "generated" / "chromium_prose.pdf").read_bytes()
    upload = {"file": ("prose.pdf", pdf, "application/pdf")}
    for pages, status, message in [
        ("abc", 400, "the form field 'pages' ('abc'): use page numbers and ranges like 2-5 or 1,3,7-9"),
        ("0", 400, "the form field 'pages' ('0'): 0 is not a range of pages (they start at 1)"),
        ("99", 422, "the form field 'pages' ('99'): the PDF has 4 pages"),
    ]:
        response = call(app, "POST", "/api/fix-pdf", files=upload, data={"pages": pages})
        assert (response.status_code, response.json()["error"]) == (status, message)


def test_two_files_in_one_request_are_refused(app: Starlette) -> None:
    # One would be repaired and the other dropped without a word.
    boundary = "dorostboundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'.encode()
        + text.encode()
        + b"\r\n"
        for name, text in (("a.txt", "اين كتاب"), ("b.txt", "مي شود"))
    ]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = call(app, "POST", "/api/fix-pdf", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"] == "the form has the field 'file' twice; send one document per request"


def test_the_page_words_every_error_status_the_readme_lists() -> None:
    # A status without its Persian wording reaches the editor as a bare "خطا".
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    start = readme.index("Errors are JSON")
    listed = readme[start : readme.index("\n\n", start)]
    statuses = set(re.findall(r"\b[45]\d\d\b", listed))
    script = (root / "src" / "dorost" / "web" / "static" / "app.js").read_text(encoding="utf-8")
    table = script[script.index("const ERROR_TEXT") : script.index("};", script.index("const ERROR_TEXT"))]
    worded = set(re.findall(r"^\s*(\d{3}):", table, re.M))
    assert statuses >= {"400", "408", "413", "422", "503", "504"}
    assert statuses <= worded
