"""Requests no client should send, answered with 400 and a message rather than 500."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from dorost.web.app import config_from_field, parse_fix_request
from dorost.web.errors import ApiError
from dorost.web.multipart import Part

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
        config_from_field(Part(name="options", chunks=[b'{"skip": ["\\ud83d"]}']))
    assert caught.value.status == 400


def test_a_whole_surrogate_pair_is_text() -> None:
    text, _ = parse_fix_request(b'{"text": "\\u0633\\u0644\\u0627\\u0645 \\ud83d\\ude00"}')
    assert text == "\u0633\u0644\u0627\u0645 \U0001f600"
