"""The web application: the review page, its static files, the JSON API and its documentation.

Routes:

- ``GET /``: the Persian review page; ``GET /static/{name}``: its script and style sheet;
- ``POST /api/fix``: ``{"text": ..., "options": {...}}`` → the restored text and every edit;
- ``POST /api/fix-pdf``: a PDF (or a text file in any encoding) as ``multipart/form-data``;
- ``GET /api/fixes``: the fixes, their families and the policies, for building option switches;
- ``GET /api/health``; ``GET /openapi.json`` and ``GET /docs``: the API, described.

Every error is JSON ``{"error": "message"}``. Repairs run in bounded workers, each within the time
limit (:mod:`dorost.web.workers`). No request reads or writes a file: the static files are read
once, at start-up, from the package; uploads are parsed in memory; nothing is kept after the
response.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dorost import __version__
from dorost.config import DIACRITIC_POLICIES, DIGIT_POLICIES, Config
from dorost.errors import DorostError, empty_pdf
from dorost.inputs import MARKUP_SUFFIXES, page_range_error
from dorost.inputs.text import is_pdf
from dorost.pipeline import FIXES
from dorost.web.errors import ApiError
from dorost.web.jobs import Job
from dorost.web.labels import family_label, fix_label
from dorost.web.limits import Limits, describe_size
from dorost.web.multipart import FormError, Part, parse_form
from dorost.web.openapi import openapi_schema
from dorost.web.options import OptionsError, config_from_options, families, markdown_option
from dorost.web.workers import make_workers

STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
NO_STORE = {"Cache-Control": "no-store"}
MULTIPART_OVERHEAD = 64 * 1024


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers={**NO_STORE, **(headers or {})})


async def read_body(request: Request, limit: int, what: str, timeout: float) -> bytes:
    """The request body, refused with 413 as soon as it is known to pass ``limit`` bytes, and
    with 408 if it has not all arrived within ``timeout`` seconds (a client trickling its upload
    must not hold a place for ever)."""
    try:
        return await asyncio.wait_for(_read_body(request, limit, what), timeout)
    except TimeoutError:
        raise ApiError(408, f"{what} did not arrive within {timeout:g} s") from None


async def _read_body(request: Request, limit: int, what: str) -> bytes:
    too_large = ApiError(413, f"{what} is larger than the {describe_size(limit)} limit")
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "the Content-Length header is not a number")
        if int(declared) > limit:
            raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def load_static() -> dict[str, tuple[bytes, str]]:
    """The page's files, read once from the package: name → (content, media type)."""
    files: dict[str, tuple[bytes, str]] = {}
    for entry in resources.files("dorost.web").joinpath("static").iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if entry.is_file() and suffix in STATIC_TYPES:
            files[entry.name] = (entry.read_bytes(), STATIC_TYPES[suffix])
    return files


def fixes_payload() -> dict[str, Any]:
    defaults = Config()
    return {
        "fixes": [
            {
                "name": fix.name,
                "family": fix.family,
                "summary": fix.summary,
                "label": fix_label(fix.name, fix.summary),
            }
            for fix in FIXES
        ],
        "families": [{"name": family, "label": family_label(family)} for family in families()],
        "policies": {"digits": list(DIGIT_POLICIES), "diacritics": list(DIACRITIC_POLICIES)},
        "defaults": {"digits": defaults.digits, "diacritics": defaults.diacritics},
    }


def pdf_available() -> bool:
    try:
        from dorost.inputs.pdf import fix_pdf  # noqa: F401
    except ImportError:
        return False
    return True


def create_app(limits: Limits | None = None) -> Starlette:
    """The web application, with the given limits (the defaults otherwise)."""
    limits = limits or Limits()
    static = load_static()
    worker = make_workers(limits)

    def static_response(name: str) -> Response:
        if name not in static:
            raise ApiError(404, f"no such file: {name}")
        content, media_type = static[name]
        return Response(content, media_type=media_type, headers=SECURITY_HEADERS)

    async def page(request: Request) -> Response:
        return static_response("index.html")

    async def docs(request: Request) -> Response:
        return static_response("docs.html")

    async def static_file(request: Request) -> Response:
        return static_response(request.path_params["name"])

    async def health(request: Request) -> Response:
        body = {
            "status": "ok",
            "version": __version__,
            "pdf": pdf_available(),
            "busy": worker.pending,
            "limits": limits.to_dict(),
        }
        return JSONResponse(body, headers=NO_STORE)

    async def fixes(request: Request) -> Response:
        return JSONResponse(fixes_payload())

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_schema(limits))

    async def answer(job: Job) -> Response:
        body = await worker.run(job)
        return Response(body, media_type="application/json", headers=NO_STORE)

    async def fix_text(request: Request) -> Response:
        # JSON escapes may spell a character in up to six bytes (\uXXXX): the body limit allows
        # that, and the text itself is measured once decoded.
        worker.admit()
        try:
            body = await read_body(
                request, 6 * limits.max_text_bytes + MULTIPART_OVERHEAD, "the request", limits.timeout
            )
            job = parse_fix_request(body)
            assert job.text is not None
            if len(job.text.encode("utf-8")) > limits.max_text_bytes:
                raise ApiError(413, f"the text is larger than the {describe_size(limits.max_text_bytes)} limit")
            return await answer(job)
        finally:
            worker.leave()

    async def fix_file(request: Request) -> Response:
        worker.admit()
        try:
            limit = max(limits.max_pdf_bytes, limits.max_text_bytes) + MULTIPART_OVERHEAD
            body = await read_body(request, limit, "the upload", limits.timeout)
            try:
                form = parse_form(request.headers.get("content-type", ""), body)
            except FormError as error:
                raise ApiError(400, str(error)) from None
            del body
            upload = form.get("file")
            if upload is None:
                raise ApiError(400, "send the document in a form field named 'file'")
            refuse_unknown_fields(form)
            data = upload.data
            if not data and (upload.filename or "").lower().endswith(".pdf"):
                # As on the command line: an empty file named as a PDF is a failed save or upload,
                # not a document with no text.
                raise ApiError(422, str(empty_pdf(upload.filename or "")))
            pdf = is_pdf(data)
            limit = limits.max_pdf_bytes if pdf else limits.max_text_bytes
            if len(data) > limit:
                kind = "the PDF" if pdf else "the text file"
                raise ApiError(413, f"{kind} is larger than the {describe_size(limit)} limit")
            config, markdown = options_from_field(form.get("options"))
            if markdown is None:  # as on the command line: a file named as Markdown is Markdown
                markdown = (upload.filename or "").lower().endswith(MARKUP_SUFFIXES)
            pages = text_field(form.get("pages"))
            wrong = None if pages is None else page_range_error(pages)
            if wrong is not None:  # no document could make it right: the request is wrong (400), not the PDF
                raise ApiError(400, web_message(wrong))
            password = text_field(form.get("password"))
            return await answer(Job(config=config, data=data, pages=pages, password=password, markdown=markdown))
        finally:
            worker.leave()

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: f"no such page: {request.url.path}", 405: f"{request.method} is not allowed here"}
        return error_response(exc.status_code, messages.get(exc.status_code, str(exc.detail)), exc.headers)

    async def input_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DorostError)
        return error_response(422, web_message(exc))

    async def unexpected_error(request: Request, exc: Exception) -> Response:
        return error_response(500, f"internal error ({type(exc).__name__}); please report it")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        worker.start()
        try:
            yield
        finally:
            worker.close()

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/docs", docs),
            Route("/static/{name}", static_file),
            Route("/openapi.json", openapi),
            Route("/api/health", health),
            Route("/api/fixes", fixes),
            Route("/api/fix", fix_text, methods=["POST"]),
            Route("/api/fix-pdf", fix_file, methods=["POST"]),
        ],
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
            DorostError: input_error,
            Exception: unexpected_error,
        },
        lifespan=lifespan,
    )
    app.state.limits = limits
    app.state.worker = worker
    return app


# Python's JSON parser recurses once per level of nesting: a body of 100,000 "[" exhausts the stack.
TOO_DEEP = "the JSON is nested too deeply"


class _NameTwice(ValueError):
    pass


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object. A name given twice is refused: the parser would keep its last value and drop
    the other unseen (``{"text": "…", "text": "…"}`` from a client that builds its body by hand)."""
    made: dict[str, Any] = {}
    for name, value in pairs:
        if name in made:
            raise _NameTwice(f"the JSON gives {name!r} twice; give each name once")
        made[name] = value
    return made


def _loads(data: bytes | str) -> Any:
    return json.loads(data, object_pairs_hook=_json_object)


def parse_fix_request(body: bytes) -> Job:
    """The text and options of a ``POST /api/fix`` body, as the job that repairs it."""
    try:
        request = _loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, f'the body must be JSON like {{"text": "..."}}: {error}') from None
    except _NameTwice as error:
        raise ApiError(400, str(error)) from None
    except RecursionError:
        raise ApiError(400, TOO_DEEP) from None
    refuse_lone_surrogates(request)
    if not isinstance(request, dict) or not isinstance(request.get("text"), str):
        raise ApiError(400, 'the body must be a JSON object with a "text" string')
    unknown = sorted(set(request) - {"text", "options"})
    if unknown:
        raise ApiError(400, f"unknown field: {', '.join(unknown)} (known: text, options)")
    options = request.get("options")
    try:
        return Job(config=config_from_options(options), text=request["text"], markdown=bool(markdown_option(options)))
    except OptionsError as error:
        raise ApiError(400, str(error)) from None


def form_field(option: str, value: str | None) -> str:
    """An argument of the Python API as the form field of ``POST /api/fix-pdf`` that gives it."""
    return f"the form field {option!r}" + ("" if value is None else f" ({value!r})")


def web_message(error: DorostError) -> str:
    """An input error's message, naming the form fields a client of the web service sent.

    >>> from dorost.inputs import repair_bytes
    >>> try:
    ...     repair_bytes("سلام".encode("utf-8"), pages="2")
    ... except DorostError as error:
    ...     print(error, "|", web_message(error))
    the pages argument applies only to PDF input | the form field 'pages' applies only to PDF input
    """
    return error.worded(form_field)


def refuse_lone_surrogates(value: object) -> None:
    """JSON may escape half a surrogate pair (``"\\ud800"``): no text holds one, and no answer could carry it."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(
            400, "the JSON holds half of a surrogate pair (an escape like \\ud800 alone); send Unicode text"
        ) from None


FORM_FIELDS = ("file", "options", "pages", "password")


def refuse_unknown_fields(form: Mapping[str, Part]) -> None:
    """Refuse a form field the service does not read, as ``POST /api/fix`` refuses an unknown key: a
    policy sent as its own field (``-F digits=persian``) would otherwise be dropped without a word."""
    unknown = sorted(set(form) - set(FORM_FIELDS))
    if unknown:
        raise ApiError(
            400,
            f"unknown form field: {', '.join(unknown)} (known: {', '.join(FORM_FIELDS)}; "
            'policies and fixes go in \'options\' as JSON, e.g. {"digits": "persian"})',
        )


def text_field(part: Part | None) -> str | None:
    if part is None:
        return None
    try:
        value: str = part.data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ApiError(400, f"the form field {part.name!r} is not UTF-8 text") from None
    return value or None


def options_from_field(part: Part | None) -> tuple[Config, bool | None]:
    """The configuration from the form's ``options`` field (JSON), or the defaults; and whether it says the file is
    Markdown (None where it says nothing)."""
    raw = text_field(part)
    if raw is None:
        return Config(), None
    try:
        options = _loads(raw)
    except json.JSONDecodeError as error:
        raise ApiError(400, f"the 'options' field must be JSON: {error}") from None
    except _NameTwice as error:
        raise ApiError(400, f"the 'options' field: {error}") from None
    except RecursionError:
        raise ApiError(400, TOO_DEEP) from None
    refuse_lone_surrogates(options)
    try:
        return config_from_options(options), markdown_option(options)
    except OptionsError as error:
        raise ApiError(400, str(error)) from None
