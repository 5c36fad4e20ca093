"""Every failure the client reports is one of these exceptions.

    DifyError
    ├── InvalidRequestError        bad input, raised before any byte is sent; names class.field
    ├── APIConnectionError         the request or the response did not make it across the network
    │   └── APITimeoutError
    ├── APIStatusError             Dify answered with an error: status, code, message
    │   ├── BadRequestError 400 · AuthenticationError 401 · PermissionDeniedError 403
    │   ├── NotFoundError 404 · ConflictError 409 · UnsupportedMediaTypeError 415
    │   ├── RateLimitError 429 · InternalServerError 5xx
    │   └── StreamEventError       an `error` event inside a 200 stream
    ├── IncompleteStreamError      the stream ended before Dify said the message was complete
    ├── ResponseValidationError    the server's JSON does not fit the declared model
    └── ResponseTooLargeError      a body or one stream frame exceeded the configured cap

Exceptions never hold an ``httpx.Request``/``httpx.Response``: their headers carry the API key.
They keep the method, the URL path (no query string, no host) and the parsed Dify error body.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from pydantic import ValidationError

_BODY_PREVIEW_CHARS = 200


class DifyError(Exception):
    """Base of every exception raised by dify_oapi."""


class InvalidRequestError(DifyError, ValueError):
    """The request cannot be sent as built; nothing went over the wire."""

    @classmethod
    def from_validation(cls, owner: str, exc: ValidationError) -> InvalidRequestError:
        return cls(field_errors(exc, owner))


class _RequestError(DifyError):
    """Shared by the errors that belong to one HTTP exchange."""

    def __init__(self, message: str, *, method: str, url: str, retries: int = 0) -> None:
        super().__init__(message)
        self.method = method
        self.url = url
        self.retries = retries


class APIConnectionError(_RequestError):
    """Connecting, sending or receiving failed below HTTP (refused, reset, closed mid-body)."""


class APITimeoutError(APIConnectionError):
    """A connect, write, read or pool timeout expired."""


class APIStatusError(_RequestError):
    """Dify answered with an HTTP error status; ``code`` and ``message`` are Dify's own."""

    def __init__(
        self,
        *,
        status: int,
        code: str | None,
        message: str,
        body: Any,
        method: str,
        url: str,
        retries: int = 0,
        retry_after: float | None = None,
    ) -> None:
        label = f"{status} {code}" if code else str(status)
        super().__init__(f"{label}: {message} ({method} {url})", method=method, url=url, retries=retries)
        self.status = status
        self.code = code
        self.message = message
        self.body = body
        # Seconds from the reply's Retry-After, when it sent a usable one.
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    """400: Dify rejected the input (``invalid_param``, ``bad_request``, ``not_chat_app``, ...)."""


class AuthenticationError(APIStatusError):
    """401: missing or invalid API key."""


class PermissionDeniedError(APIStatusError):
    """403: the app or its API access is disabled, or the workspace is archived."""


class NotFoundError(APIStatusError):
    """404: the conversation, message, variable or annotation does not exist for this user."""


class ConflictError(APIStatusError):
    """409."""


class UnsupportedMediaTypeError(APIStatusError):
    """415: a JSON-user endpoint got no JSON body (Dify's ``unsupported_media_type``)."""


class RateLimitError(APIStatusError):
    """429: ``too_many_requests`` (concurrency limit) or ``rate_limit_error`` (quota)."""


class InternalServerError(APIStatusError):
    """5xx, including a gateway's 502/503/504."""


class StreamEventError(APIStatusError):
    """An ``event: error`` frame: Dify reports a failure after the 200 status line went out."""


class IncompleteStreamError(DifyError):
    """The stream ended (or broke off inside a frame) before ``message_end`` arrived."""


class ResponseValidationError(DifyError):
    """The server's JSON does not fit the declared model; the message names the field."""


class ResponseTooLargeError(DifyError):
    """A response body or one stream frame is larger than the configured cap."""


def field_errors(exc: ValidationError, owner: str) -> str:
    """``Owner.field.path: problem; ...`` in our own words: pydantic's text echoes input values,
    which may be user data or the API key."""
    return "; ".join(
        ".".join([owner, *map(str, error["loc"])]) + ": " + error["msg"]
        for error in exc.errors(include_url=False, include_input=False)
    )


describe = field_errors  # the name events.py still imports


def transport_error(
    exc: httpx.RequestError, *, method: str, url: str, retries: int = 0
) -> APIConnectionError:
    """Our exception for an httpx failure: a transport error, or a body httpx could not decode
    (corrupt gzip). Never chained to it: httpx's frames hold the raw header."""
    kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return kind(f"{type(exc).__name__}: {exc} ({method} {url})", method=method, url=url, retries=retries)


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    415: UnsupportedMediaTypeError,
    429: RateLimitError,
}


def status_error(status: int, content: bytes, *, method: str, url: str, retries: int = 0) -> APIStatusError:
    """Map an error response to its exception; a non-JSON body (a gateway page) is quoted, not parsed."""
    body: Any
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: a hostile body nested 100,000 deep
        body = content.decode("utf-8", "replace")
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        code = body.get("code") if isinstance(body.get("code"), str) else None
        message: str = body["message"]
    else:
        code = None
        message = (body if isinstance(body, str) else json.dumps(body))[:_BODY_PREVIEW_CHARS]
    fallback = InternalServerError if status >= 500 else APIStatusError
    error_class = _STATUS_ERRORS.get(status, fallback)
    return error_class(
        status=status, code=code, message=message, body=body, method=method, url=url, retries=retries
    )


def stream_error(payload: dict[str, Any], *, method: str, url: str) -> StreamEventError:
    """Build the exception for an ``error`` event (its ``status`` is Dify's, the HTTP status was 200)."""
    status = payload.get("status")
    return StreamEventError(
        status=status if isinstance(status, int) else 500,
        code=str(payload.get("code") or "") or None,
        message=str(payload.get("message") or ""),
        body=payload,
        method=method,
        url=url,
    )
