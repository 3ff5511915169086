"""Requests no client should send, answered with 400 and a message rather than 500."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

from starlette.applications import Starlette  # noqa: E402

from dorost.web.app import create_app, options_from_field, parse_fix_request  # noqa: E402
from dorost.web.errors import ApiError  # noqa: E402
from dorost.web.limits import Limits  # noqa: E402
from dorost.web.multipart import Part  # noqa: E402
from web_client import call  # noqa: E402

ENCRYPTED = Path(__file__).resolve().parent / "data" / "pdf" / "encrypted.pdf"


@pytest.fixture(scope="module")
def app() -> Iterator[Starlette]:
    application = create_app(Limits(workers="thread"))
    yield application
    application.state.worker.close()


@pytest.mark.parametrize(
    ("url", "kwargs"),
    [
        ("/api/fix", {"content": b"[" * 100_000 + b"]" * 100_000, "headers": {"content-type": "application/json"}}),
        ("/api/fix-pdf", {"files": {"file": ("a.txt", "اين كتاب".encode())}, "data": {"options": "[" * 100_000}}),
    ],
)
def test_json_nested_too_deeply_is_a_bad_request(app: Starlette, url: str, kwargs: dict[str, Any]) -> None:
    response = call(app, "POST", url, **kwargs)
    assert (response.status_code, response.json()) == (400, {"error": "the JSON is nested too deeply"})


def test_an_empty_upload_is_an_empty_text_as_on_the_command_line(app: Starlette) -> None:
    response = call(app, "POST", "/api/fix-pdf", files={"file": ("empty.txt", b"")})
    assert response.status_code == 200
    assert response.json() == {"text": "", "edits": [], "counts": {}, "marks": []}


@pytest.mark.parametrize("workers", ["thread", "process"])
def test_input_errors_name_the_form_fields_a_client_sent(workers: str) -> None:
    # A worker process sends the error back whole: its option, not only its Python-worded message.
    application = create_app(Limits(workers=workers, concurrency=1))  # type: ignore[arg-type]
    try:
        response = call(application, "POST", "/api/fix-pdf", files={"file": ("secret.pdf", ENCRYPTED.read_bytes())})
        assert response.status_code == 422
        assert response.json() == {"error": "the PDF is encrypted; give its password with the form field 'password'"}
        pages = call(
            application,
            "POST",
            "/api/fix-pdf",
            files={"file": ("a.pdf", ENCRYPTED.read_bytes())},
            data={"password": "secret", "pages": "9"},
        )
        assert (pages.status_code, pages.json()) == (422, {"error": "the form field 'pages' ('9'): the PDF has 1 page"})
        text = call(application, "POST", "/api/fix-pdf", files={"file": ("a.txt", "اين".encode())}, data={"pages": "2"})
        assert (text.status_code, text.json()) == (
            422,
            {"error": "the form field 'pages' applies only to PDF input"},
        )
    finally:
        application.state.worker.close()


SURROGATE = "half of a surrogate pair"


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "\\u0633\\u0644\\u0627\\u0645 \\ud800"}',
        b'{"text": "\\u0633\\u0644\\u0627\\u0645", "options": {"only": ["\\udc00"]}}',
    ],
)
def test_a_lone_surrogate_in_the_json_is_a_bad_request(body: bytes) -> None:
    with pytest.raises(ApiError, match=SURROGATE) as caught:
        parse_fix_request(body)
    assert caught.value.status == 400


def test_a_lone_surrogate_in_the_form_options_is_a_bad_request() -> None:
    with pytest.raises(ApiError, match=SURROGATE) as caught:
        options_from_field(Part(name="options", chunks=[b'{"skip": ["\\ud83d"]}']))
    assert caught.value.status == 400


def test_a_whole_surrogate_pair_is_text() -> None:
    job = parse_fix_request(b'{"text": "\\u0633\\u0644\\u0627\\u0645 \\ud83d\\ude00"}')
    assert job.text == "\u0633\u0644\u0627\u0645 \U0001f600"


def test_serve_on_a_port_in_use_is_one_line_before_anything_starts() -> None:
    from click.testing import CliRunner

    from dorost.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"dorost: error: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
