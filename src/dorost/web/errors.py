"""The error the API answers with."""

from __future__ import annotations

from collections.abc import Mapping


class ApiError(Exception):
    """An HTTP status and a message for the user (sent as ``{"error": message}``)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def busy(message: str = "the server is busy; try again shortly") -> ApiError:
    return ApiError(503, message, {"Retry-After": "5"})


def too_slow(timeout: float) -> ApiError:
    return ApiError(
        504,
        f"the repair did not finish within the {timeout:g} s limit; send a smaller text or fewer PDF pages",
    )
