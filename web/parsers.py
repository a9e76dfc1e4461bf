"""The API's JSON parser, bounded: a body over Django's upload limit, or arrays and objects nested deeper than any
request of the API needs, is a 400 that says so, never the parser's recursion (a 500) or a body read whole into
memory. ``nested_too_deep`` is also what the journey import checks each line with."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

MAX_JSON_NESTING = 32  # the API's bodies nest two or three deep; a plan's actions are the deepest
TOO_DEEP = f"JSON parse error - arrays and objects nested more than {MAX_JSON_NESTING} deep."
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[][{}]")


def nested_too_deep(raw: bytes, limit: int = MAX_JSON_NESTING) -> bool:
    """Whether JSON text nests arrays and objects more than ``limit`` deep, read before it is parsed (brackets inside
    strings do not count), so that deep nesting never reaches the parser's recursion."""
    if raw.count(b"[") + raw.count(b"{") <= limit:  # the usual body: too few brackets to nest too deep
        return False
    depth = 0
    for bracket in _BRACKETS.findall(_STRING.sub(b'""', raw)):
        depth += 1 if bracket in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def _encoding(parser_context: Mapping[str, Any]) -> str:
    """The charset the Content-Type names, or the default: a text encoding only, never a decompressing codec (a small
    body of bz2_codec would expand after its size was checked)."""
    encoding = str(parser_context.get("encoding") or settings.DEFAULT_CHARSET)
    try:
        "".encode(encoding)  # unlike bytes.decode, str.encode refuses bytes-to-bytes codecs
    except (LookupError, UnicodeError):
        raise ParseError(f"Unsupported charset “{encoding[:40]}” in the Content-Type header.") from None
    return encoding


class BoundedJSONParser(JSONParser):
    """REST framework's JSON parser, refusing an oversized or deeply nested body with a 400."""

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise ParseError(f"The request body is larger than {limit:,} bytes.")
        if nested_too_deep(raw):
            raise ParseError(TOO_DEEP)
        encoding = _encoding(parser_context or {})
        try:
            text = raw.decode(encoding)
            parse_constant = json.strict_constant if self.strict else None
            return json.loads(text, parse_constant=parse_constant)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        except ValueError as error:  # broken JSON, text not in the encoding, an integer of thousands of digits
            raise ParseError(f"JSON parse error - {error}") from None
