"""A reply as received, for callers who need its status or headers as well as its model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from dify_oapi.core.errors import dify_headers

R_co = TypeVar("R_co", covariant=True)


class DifyHeaders:
    """Dify's own headers of a reply, for a bug report to quote."""

    def _reply_headers(self) -> httpx.Headers:
        raise NotImplementedError

    @property
    def trace_id(self) -> str | None:
        """``X-Trace-Id``: sent only when the server runs with OpenTelemetry enabled."""
        return dify_headers(self._reply_headers())[0]

    @property
    def dify_version(self) -> str | None:
        """``X-Version`` (``1.14.2``); absent when a gateway, not Dify, answered."""
        return dify_headers(self._reply_headers())[1]

    @property
    def dify_env(self) -> str | None:
        """``X-Env`` (``PRODUCTION``)."""
        return dify_headers(self._reply_headers())[2]


class RawResponse(DifyHeaders, Generic[R_co]):
    """``status_code``, ``headers`` and ``content`` of a successful reply; ``parse()`` gives its model.

    It holds the reply's headers only: the request's, where the key went out, are never kept. An
    error status still raises, as the plain call does.
    """

    def __init__(
        self, status_code: int, headers: httpx.Headers, content: bytes, parse: Callable[[], R_co]
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self._parse = parse

    def parse(self) -> R_co:
        """The reply as the plain call returns it; raises ``ResponseValidationError`` if it does not fit."""
        return self._parse()

    def _reply_headers(self) -> httpx.Headers:
        return self.headers

    def __repr__(self) -> str:
        return f"<RawResponse {self.status_code} {self.headers.get('content-type', '')!r}>"
