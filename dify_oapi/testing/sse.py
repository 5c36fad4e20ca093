"""Byte-level SSE helpers shared by the simulator, the tests and the benchmarks.

Dify frames every event as ``data: <one JSON object>\\n\\n`` and pings with a bare
``event: ping\\n\\n``. Decoders must survive any split of those bytes, so the helpers
below produce the awkward inputs (splits, chunkings, other line endings) on purpose.
Standard library only: this module ships with the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["PING", "chunked", "encode_event", "two_way_splits", "with_line_endings"]

PING = b"event: ping\n\n"

_LINE_ENDINGS = (b"\n", b"\r", b"\r\n")


def encode_event(payload: Mapping[str, Any], *, legacy: bool = False) -> bytes:
    """Frame one event the way Dify does.

    Newest Dify serialises with orjson (compact, raw UTF-8); releases up to about 1.8
    used ``json.dumps`` defaults (``", "`` separators and ``\\uXXXX`` escapes, emoji as
    surrogate pairs). A decoder has to accept both, so both can be produced.
    """
    text = json.dumps(payload) if legacy else json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return b"data: " + text.encode("utf-8") + b"\n\n"


def two_way_splits(data: bytes) -> Iterator[list[bytes]]:
    """Every way to cut ``data`` into two network reads, including empty halves."""
    for i in range(len(data) + 1):
        yield [data[:i], data[i:]]


def chunked(data: bytes, size: int) -> list[bytes]:
    """Cut ``data`` into reads of ``size`` bytes, the last one possibly shorter."""
    if size < 1:
        raise ValueError("size must be at least 1")
    return [data[i : i + size] for i in range(0, len(data), size)]


def with_line_endings(data: bytes, eol: bytes) -> bytes:
    """Rewrite ``\\n`` line endings to ``eol``; the SSE spec allows CR, LF and CRLF."""
    if eol not in _LINE_ENDINGS:
        raise ValueError(f"eol must be one of {_LINE_ENDINGS!r}")
    return data.replace(b"\n", eol)
