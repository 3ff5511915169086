"""The OpenAPI 3.1 description of the HTTP API, served at ``/openapi.json`` and read by ``/docs``.

Written by hand, next to the code it describes; a test checks that every route is described
and that real answers carry the fields the schema requires.
"""

from __future__ import annotations

from typing import Any

from dorost import __version__
from dorost.config import DIACRITIC_POLICIES, DIGIT_POLICIES
from dorost.web.limits import Limits, describe_size
from dorost.web.options import families


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _schemas() -> dict[str, Any]:
    names = {"type": "array", "items": {"type": "string"}}
    return {
        "Options": {
            "type": "object",
            "additionalProperties": False,
            "description": "What to repair and how. Every key is optional; unknown keys are refused.",
            "properties": {
                "digits": {
                    "enum": list(DIGIT_POLICIES),
                    "default": "keep",
                    "description": "Keep the author's digits, or write all Persian or all Latin.",
                },
                "diacritics": {
                    "enum": list(DIACRITIC_POLICIES),
                    "default": "keep",
                    "description": "Keep or remove harakat and tanwin.",
                },
                "only": {
                    **names,
                    "minItems": 1,
                    "description": "Run only these fixes (names from GET /api/fixes); leave it out to run every fix.",
                },
                "skip": {**names, "description": "Do not run these fixes."},
                "skip_families": {
                    "type": "array",
                    "items": {"enum": list(families())},
                    "description": "Do not run any fix of these families.",
                },
                "markdown": {
                    "type": "boolean",
                    "description": "The text is Markdown: keep its line breaks, indentation and the two spaces of a "
                    "hard break (default: false; for POST /api/fix-pdf, true for a file named .md, .markdown or .mdx, "
                    "or a reStructuredText or AsciiDoc source: .rst, .rest, .adoc, .asciidoc).",
                },
            },
        },
        "FixRequest": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {"text": {"type": "string"}, "options": _ref("Options")},
        },
        "FileRequest": {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {
                    "type": "string",
                    "format": "binary",
                    "description": "A PDF, or a text file in any encoding dorost reads.",
                },
                "options": {"type": "string", "description": "Options as a JSON object (see Options)."},
                "pages": {"type": "string", "description": "PDF pages to read, e.g. 2-5 or 1,3,7-9."},
                "password": {"type": "string", "description": "Password of an encrypted PDF."},
            },
            "additionalProperties": False,
        },
        "Edit": {
            "type": "object",
            "required": [
                "fix",
                "start",
                "end",
                "before",
                "after",
                "confidence",
                "step",
                "at",
                "text_start",
                "text_end",
            ],
            "properties": {
                "fix": {"type": "string", "description": "The fix that made the edit."},
                "start": {"type": "integer", "description": "Start of the edit in the original input."},
                "end": {"type": "integer", "description": "End of the edit in the original input."},
                "before": {"type": "string", "description": "The text the fix replaced."},
                "after": {"type": "string", "description": "What the fix wrote."},
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "step": {"type": "integer", "description": "Pipeline step (for replaying the edits)."},
                "at": {"type": "integer", "description": "Offset in that step's own input."},
                "page": {"type": "integer", "description": "PDF page (1-based), for PDF input."},
                "text_start": {"type": "integer", "description": "Start of the edit's span in the restored text."},
                "text_end": {
                    "type": "integer",
                    "description": "End of that span (equal to the start when the edit only removed text).",
                },
            },
        },
        "Mark": {
            "type": "object",
            "required": ["start", "end", "edits", "before"],
            "description": "A stretch of the restored text to highlight: overlapping edits merged.",
            "properties": {
                "start": {"type": "integer"},
                "end": {"type": "integer"},
                "edits": {"type": "array", "items": {"type": "integer"}, "description": "Indices into edits."},
                "before": {
                    "type": "string",
                    "description": "The input these edits replaced: text[start:end] set back to it undoes them.",
                },
            },
        },
        "FixResponse": {
            "type": "object",
            "required": ["text", "edits", "counts", "marks"],
            "properties": {
                "text": {"type": "string", "description": "The restored text."},
                "edits": {"type": "array", "items": _ref("Edit")},
                "counts": {
                    "type": "object",
                    "additionalProperties": {"type": "integer"},
                    "description": "Number of edits per fix.",
                },
                "marks": {"type": "array", "items": _ref("Mark")},
                "warnings": {"type": "array", "items": {"type": "string"}},
                "pages": {
                    "type": "array",
                    "items": {"type": "integer"},
                    "description": "PDF pages read (PDF input only).",
                },
            },
        },
        "Health": {
            "type": "object",
            "required": ["status", "version", "pdf", "limits"],
            "properties": {
                "status": {"const": "ok"},
                "version": {"type": "string"},
                "pdf": {"type": "boolean", "description": "Whether the PDF front end is installed."},
                "busy": {"type": "integer", "description": "Requests being served now."},
                "limits": {"type": "object"},
            },
        },
        "Fixes": {
            "type": "object",
            "required": ["fixes", "families", "policies", "defaults"],
            "properties": {
                "fixes": {
                    "type": "array",
                    "items": {"type": "object", "required": ["name", "family", "summary", "label"]},
                },
                "families": {"type": "array", "items": {"type": "object", "required": ["name", "label"]}},
                "policies": {"type": "object"},
                "defaults": {"type": "object"},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string", "description": "What went wrong, for people."}},
        },
    }


def openapi_schema(limits: Limits) -> dict[str, Any]:
    """The API description, with this server's limits written into it."""
    text_limit = describe_size(limits.max_text_bytes)
    pdf_limit = describe_size(limits.max_pdf_bytes)
    common_errors = {
        "400": _error("The request cannot be understood (the message says why)."),
        "408": _error(
            f"The request headers did not arrive within {limits.header_timeout:g} s, or its body within "
            f"{limits.timeout:g} s."
        ),
        "503": _error(
            "The server is busy; try again (see Retry-After). Past "
            f"{limits.max_connections} open connections the server's own 503 is plain text."
        ),
        "504": _error(f"The repair did not finish within {limits.timeout:g} s."),
    }
    fix_answer = {
        "description": "The restored text and every edit.",
        "content": {"application/json": {"schema": _ref("FixResponse")}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "dorost",
            "version": __version__,
            "description": "Restore damaged Persian text the way a careful editor would, and say exactly "
            "what changed. Nothing sent is stored.",
        },
        "paths": {
            "/api/fix": {
                "post": {
                    "summary": "Restore a text",
                    "operationId": "fix",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": _ref("FixRequest"),
                                "example": {
                                    "text": "اين كتاب &ndash; بسيار خوب است .",
                                    "options": {"digits": "persian"},
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": fix_answer,
                        **common_errors,
                        "413": _error(f"The text is larger than {text_limit}."),
                    },
                }
            },
            "/api/fix-pdf": {
                "post": {
                    "summary": "Restore a PDF or a text file",
                    "operationId": "fixPdf",
                    "description": "The document goes in the multipart field 'file'. A PDF is known by its "
                    "header, not its name; anything else is read as text in any supported encoding.",
                    "requestBody": {
                        "required": True,
                        "content": {"multipart/form-data": {"schema": _ref("FileRequest")}},
                    },
                    "responses": {
                        "200": fix_answer,
                        **common_errors,
                        "413": _error(f"The PDF is larger than {pdf_limit}, or the text file than {text_limit}."),
                        "422": _error("The document cannot be read (encrypted, damaged, not text)."),
                    },
                }
            },
            "/api/fixes": {
                "get": {
                    "summary": "The fixes, their families and the policies",
                    "operationId": "fixes",
                    "responses": {
                        "200": {
                            "description": "Fixes in pipeline order.",
                            "content": {"application/json": {"schema": _ref("Fixes")}},
                        }
                    },
                }
            },
            "/api/health": {
                "get": {
                    "summary": "Whether the server is up, and its limits",
                    "operationId": "health",
                    "responses": {
                        "200": {
                            "description": "The server is up.",
                            "content": {"application/json": {"schema": _ref("Health")}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
