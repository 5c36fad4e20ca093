"""Every failure the client reports is one of these exceptions.

    DifyError
    ├── InvalidRequestError        bad input, raised before any byte is sent; names class.field
    ├── APIConnectionError         the request or the response did not make it across the network
    │   └── APITimeoutError
    │       ├── FirstEventTimeoutError   a stream sent only pings for ``first_event_timeout``
    │       └── StreamIdleTimeoutError   no event between two others for ``stream_idle_timeout``
    ├── APIStatusError             Dify answered with an error: status, code, message
    │   ├── BadRequestError 400 · AuthenticationError 401 · PermissionDeniedError 403
    │   ├── NotFoundError 404 · ConflictError 409 · UnsupportedMediaTypeError 415
    │   ├── PayloadTooLargeError 413 · RateLimitError 429 · InternalServerError 5xx
    │   ├── HumanInputFormClosedError 412   the form was already submitted, or it expired
    │   └── StreamEventError       an `error` event inside a 200 stream
    ├── WorkflowFailedError        a streamed run ended with ``workflow_finished`` status ``failed``
    ├── IncompleteStreamError      the stream ended before Dify said the message was complete
    ├── ResponseValidationError    the server's JSON does not fit the declared model
    └── ResponseTooLargeError      a body or one stream frame exceeded the configured cap

Exceptions never hold an ``httpx.Request``/``httpx.Response``: their headers carry the API key.
They keep the method, the URL path (no query string, no host) and the parsed Dify error body.
Every one survives ``pickle`` with its attributes, so it can cross a process pool.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx
from pydantic import ValidationError

_BODY_PREVIEW_CHARS = 200


class DifyError(Exception):
    """Base of every exception raised by dify_oapi."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickles (cls, args) and calls cls(*args), which keyword-only constructors
        # refuse; rebuilding from args and the attribute dict needs no constructor at all.
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[DifyError], args: tuple[Any, ...], state: dict[str, Any]) -> DifyError:
    error = cls.__new__(cls, *args)
    error.__dict__.update(state)
    return error


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


class FirstEventTimeoutError(APITimeoutError):
    """A stream sent nothing but pings for ``first_event_timeout`` seconds.

    Dify 1.14 answers a streaming request it rejects before the run starts (an unknown
    ``conversation_id``, an input longer than its form allows) with 200, one ping and silence.
    """


class StreamIdleTimeoutError(APITimeoutError):
    """No event (pings do not count) arrived for ``stream_idle_timeout`` seconds after the last one."""


class APIStatusError(_RequestError):
    """Dify answered with an HTTP error status; ``code`` and ``message`` are Dify's own."""

    def __init__(
        self,
        *,
        status_code: int,
        code: str | None,
        message: str,
        body: Any,
        method: str,
        url: str,
        retries: int = 0,
        retry_after: float | None = None,
    ) -> None:
        label = f"{status_code} {code}" if code else str(status_code)
        super().__init__(f"{label}: {message} ({method} {url})", method=method, url=url, retries=retries)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.body = body
        self.retry_after = retry_after
        """Seconds the server asked to wait (``Retry-After``), when it sent that header."""
        self.trace_id: str | None = None
        """Dify's ``X-Trace-Id``: sent only when the server runs with OpenTelemetry enabled."""
        self.dify_version: str | None = None
        """Dify's ``X-Version`` (``1.14.2``); absent when a gateway, not Dify, answered."""
        self.dify_env: str | None = None
        """Dify's ``X-Env`` (``PRODUCTION``, ``DEVELOPMENT``)."""

    def note_headers(self, headers: Mapping[str, str]) -> None:
        """Keep the reply's ``X-Trace-Id``, ``X-Version`` and ``X-Env``, for a bug report to quote."""
        self.trace_id, self.dify_version, self.dify_env = dify_headers(headers)

    @property
    def status(self) -> int:
        """The HTTP status; ``status_code`` is the usual name."""
        return self.status_code


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


class PayloadTooLargeError(APIStatusError):
    """413: an upload over Dify's size limit (``file_too_large``), or a proxy's body limit."""


class UnsupportedMediaTypeError(APIStatusError):
    """415: a JSON-user endpoint got no JSON body (Dify's ``unsupported_media_type``), or Dify refused an
    upload's file type (``unsupported_file_type``)."""


class HumanInputFormClosedError(APIStatusError):
    """412: the human-input form takes no answer any more; ``code`` says why:
    ``human_input_form_submitted`` or ``human_input_form_expired``."""


class RateLimitError(APIStatusError):
    """429: ``too_many_requests`` (concurrency limit) or ``rate_limit_error`` (quota)."""


class InternalServerError(APIStatusError):
    """5xx, including a gateway's 502/503/504."""


class StreamEventError(APIStatusError):
    """An ``event: error`` frame: Dify reports a failure after the 200 status line went out."""


class WorkflowFailedError(DifyError):
    """A streamed run ended with ``workflow_finished`` status ``failed``: Dify sends no ``error``
    event then, only the workflow's own error text and, before it, the node that failed."""

    def __init__(
        self,
        error: str,
        *,
        workflow_run_id: str | None,
        node_id: str | None = None,
        node_title: str | None = None,
        method: str,
        url: str,
    ) -> None:
        where = f" at node {node_title!r} ({node_id})" if node_id is not None else ""
        super().__init__(f"workflow run {workflow_run_id} failed{where}: {error} ({method} {url})")
        self.error = error
        self.workflow_run_id = workflow_run_id
        self.node_id = node_id
        self.node_title = node_title
        self.method = method
        self.url = url


class IncompleteStreamError(DifyError):
    """The stream ended (or broke off inside a frame) before ``message_end`` arrived."""


class ResponseValidationError(DifyError):
    """The server's JSON does not fit the declared model; the message names the field."""


class ResponseTooLargeError(DifyError):
    """A response body or one stream frame is larger than the configured cap."""


def dify_headers(headers: Mapping[str, str]) -> tuple[str | None, str | None, str | None]:
    """``X-Trace-Id``, ``X-Version`` and ``X-Env`` of a reply (``None`` where it sent none)."""
    return headers.get("x-trace-id"), headers.get("x-version"), headers.get("x-env")


def field_errors(exc: ValidationError, owner: str) -> str:
    """``Owner.field.path: problem; ...`` in our own words: pydantic's text echoes input values,
    which may be user data or the API key."""
    return "; ".join(
        ".".join([owner, *map(str, error["loc"])]) + ": " + error["msg"]
        for error in exc.errors(include_url=False, include_input=False)
    )


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
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    412: HumanInputFormClosedError,  # only the human-input form answers 412 in Dify 1.14.2
    429: RateLimitError,
}


# Flask-RESTX appends route suggestions to a 404's message: "Conversation Not Exists. You have
# requested this URI [/v1/chat-messages] but did you mean /v1/chat-messages or ... ?"
_ROUTE_HINT = re.compile(r"\s*You have requested this URI \[.*\Z", re.DOTALL)


def status_error(
    status: int,
    content: bytes,
    *,
    method: str,
    url: str,
    retries: int = 0,
    retry_after: float | None = None,
) -> APIStatusError:
    """Map an error response to its exception; a non-JSON body (a gateway page) is quoted, not parsed."""
    body: Any
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: a hostile body nested 100,000 deep
        body = content.decode("utf-8", "replace")
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        code = body.get("code") if isinstance(body.get("code"), str) else None
        message: str = _ROUTE_HINT.sub("", body["message"]) if status == 404 else body["message"]
    else:
        code = None
        message = (body if isinstance(body, str) else json.dumps(body))[:_BODY_PREVIEW_CHARS]
    fallback = InternalServerError if status >= 500 else APIStatusError
    error_class = _STATUS_ERRORS.get(status, fallback)
    return error_class(
        status_code=status,
        code=code,
        message=message,
        body=body,
        method=method,
        url=url,
        retries=retries,
        retry_after=retry_after,
    )


def stream_error(payload: dict[str, Any], *, method: str, url: str) -> StreamEventError:
    """Build the exception for an ``error`` event (its ``status`` is Dify's, the HTTP status was 200)."""
    status = payload.get("status")
    return StreamEventError(
        status_code=status if isinstance(status, int) else 500,
        code=str(payload.get("code") or "") or None,
        message=str(payload.get("message") or ""),
        body=payload,
        method=method,
        url=url,
    )
