"""A reply body decoded piece by piece against its cap, whatever its ``Content-Encoding``.

The client asks for ``Accept-Encoding: identity``: Dify's replies are small JSON documents or event
streams, which a compressor would hold back. A server that compresses anyway is decoded here, in
pieces of at most 64 KiB, so a 64 KiB gzip bomb stops at ``max_body_bytes`` instead of inflating to
64 MiB in one call (httpx's own decoder inflates each network read whole). One layer of ``gzip`` or
``deflate`` is decoded; stacked layers (``gzip, gzip``) and other codings are refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import NoReturn

import httpx

from dify_oapi.core.errors import ResponseValidationError

_PIECE = 64 * 1024
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def codings(response: httpx.Response) -> list[str]:
    """The codings applied to the body, outermost last, without ``identity``."""
    listed = response.headers.get_list("content-encoding", split_commas=True)
    return [coding for value in listed if (coding := value.strip().lower()) not in ("", "identity")]


def unsupported(found: list[str]) -> str | None:
    """Why a body with these codings is refused, or ``None``."""
    if len(found) > 1:
        return (
            f"stacked Content-Encoding {', '.join(found)!r} refused (one layer of gzip or deflate is decoded)"
        )
    if found and found[0] not in _WBITS:
        return f"Content-Encoding {found[0]!r} is not supported (the client asked for identity)"
    return None


class Body:
    """Collects a body's decoded bytes; ``too_large`` is called once they pass ``cap``."""

    def __init__(self, response: httpx.Response, cap: int, too_large: Callable[[], NoReturn]) -> None:
        found = codings(response)
        if (problem := unsupported(found)) is not None:
            raise ResponseValidationError(
                f"{problem} ({response.request.method} {response.request.url.path})"
            )
        self._wbits = _WBITS[found[0]] if found else None
        self._inflate = zlib.decompressobj(self._wbits) if self._wbits is not None else None
        self._started = False
        self._cap = cap
        self._too_large = too_large
        self._data = bytearray()

    def add(self, raw: bytes) -> None:
        for piece in self._decoded(raw):
            self._data += piece
            if len(self._data) > self._cap:
                self._too_large()

    def finish(self) -> bytes:
        if self._inflate is not None:
            self.add(b"")
            try:
                self._data += self._inflate.flush()
            except zlib.error as exc:
                raise httpx.DecodingError(str(exc)) from None
        return bytes(self._data)

    def _decoded(self, raw: bytes) -> Iterator[bytes]:
        if self._inflate is None:
            yield raw
            return
        while True:
            try:
                piece = self._inflate.decompress(raw, _PIECE)
            except zlib.error as exc:
                if self._wbits == zlib.MAX_WBITS and not self._started:
                    # "deflate" is often sent raw, without its zlib header (httpx tries both too).
                    self._wbits = -zlib.MAX_WBITS
                    self._inflate = zlib.decompressobj(self._wbits)
                    continue
                raise httpx.DecodingError(str(exc)) from None
            self._started = True
            raw = self._inflate.unconsumed_tail
            if piece:
                yield piece
            if not raw and len(piece) < _PIECE:
                return
