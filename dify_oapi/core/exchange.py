"""One API call across its attempts, free of I/O: what to send, whether to try again, how to read the reply.

The drivers in ``transport.py`` do the sending and the waiting; they ask an ``Exchange`` at each step.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Generator
from typing import Any, NoReturn, TypeVar

import httpx
from pydantic import BaseModel, SecretStr, ValidationError

from dify_oapi._version import __version__
from dify_oapi.core import retry
from dify_oapi.core.config import Config
from dify_oapi.core.decoding import Body, codings
from dify_oapi.core.errors import (
    APIConnectionError,
    APITimeoutError,
    DifyError,
    InvalidRequestError,
    NotFoundError,
    ResponseTooLargeError,
    ResponseValidationError,
    field_errors,
    status_error,
    transport_error,
)
from dify_oapi.core.model import BinaryResponse, Request, Route, query_value
from dify_oapi.core.option import RequestOption
from dify_oapi.core.raw import RawResponse

R = TypeVar("R", bound=BaseModel)

logger: logging.Logger = logging.getLogger("dify_oapi")

_USER_AGENT = f"dify_oapi/{__version__}"
_NO_KEY = (
    "RequestOption.api_key: no API key; set Client.builder().api_key(...), the DIFY_API_KEY "
    "environment variable, or RequestOption.builder().api_key(...)"
)


class BearerAuth(httpx.Auth):
    """Sets the header for the send alone: the request object lives on (in the response, in the
    frames of a traceback), and once the reply's headers are in, it no longer carries the key."""

    def __init__(self, api_key: SecretStr) -> None:
        self._api_key = api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = "Bearer " + self._api_key.get_secret_value()
        try:
            yield request
        finally:  # also when the send failed: httpx closes the flow then
            del request.headers["Authorization"]

    def __repr__(self) -> str:
        return "BearerAuth(api_key='**********')"


def _clash(what: str, name: str, request: Request) -> InvalidRequestError:
    return InvalidRequestError(
        f"RequestOption.{what}[{name!r}]: {type(request).__name__} declares {name!r}; set it through "
        "its builder (extras add what the models do not declare, they never replace a field)"
    )


def _with_extra_body(request: Request, json: Any, option: RequestOption) -> Any:
    if not option.extra_body:
        return json
    if not isinstance(json, dict):
        raise InvalidRequestError(
            f"RequestOption.extra_body: {request.route.method} {request.route.path} sends no JSON body"
        )
    body = getattr(request, "request_body", None)
    declared = set(json) | set(type(body).model_fields if body is not None else ())
    for name in option.extra_body:
        if name in declared:
            raise _clash("extra_body", name, request)
    return {**json, **option.extra_body}


def _extra_query(request: Request, option: RequestOption) -> tuple[tuple[str, str], ...]:
    for name in option.extra_query:
        if name in type(request).model_fields:
            raise _clash("extra_query", name, request)
    return tuple((name, query_value(value)) for name, value in option.extra_query.items())


@functools.cache
def _no_option() -> RequestOption:
    # Made on first use: building a model at import would build its schema there (7 ms).
    return RequestOption()


class Exchange:
    """The prepared request and the attempts made so far."""

    def __init__(
        self,
        config: Config,
        request: Request,
        option: RequestOption | None,
        client: httpx.Client | httpx.AsyncClient,
    ) -> None:
        option = option or _no_option()
        api_key = option.api_key or config.api_key
        if api_key is None:
            raise InvalidRequestError(_NO_KEY)
        parts = request.http_parts()
        self.route: Route = request.route
        self.method = self.route.method
        self.path: str = parts.path
        self.auth: BearerAuth = BearerAuth(api_key)
        self.max_retries: int = config.max_retries if option.max_retries is None else option.max_retries
        self.max_body_bytes: int = config.max_body_bytes
        self.attempt: int = 0
        # Whether an earlier attempt may have been acted on by Dify: its bytes went out and no
        # reply said it was refused (a lost reply, a read failure, a 5xx other than 503).
        self.maybe_acted: bool = False
        timeout = httpx.Timeout(option.timeout if option.timeout is not None else config.timeout)
        self._timeout = timeout.as_dict()
        self.deadline: float | None = config.deadline if option.deadline is None else option.deadline
        self.started: float = time.monotonic()
        # build_request keeps what an injected client adds (default headers, cookies, event hooks).
        self.http_request: httpx.Request = client.build_request(
            self.method,
            config.domain + parts.path,
            params=parts.params + _extra_query(request, option),
            json=_with_extra_body(request, parts.json, option),
            files=parts.files,
            data=parts.data,
            headers={"User-Agent": _USER_AGENT, "Accept-Encoding": "identity", **option.headers},
            timeout=timeout,
        )

    # How long it may take.

    def time_left(self) -> float | None:
        """Seconds before the deadline, ``None`` without one; raises once it has passed."""
        if self.deadline is None:
            return None
        left = self.started + self.deadline - time.monotonic()
        if left <= 0:
            raise self.past_deadline()
        return left

    def past_deadline(self) -> APITimeoutError:
        return APITimeoutError(
            f"deadline of {self.deadline:g} s passed ({self.method} {self.path})",
            method=self.method,
            url=self.path,
            retries=self.attempt,
        )

    def request_for_attempt(self) -> httpx.Request:
        """The request, each of its timeouts cut to the time left before the deadline."""
        left = self.time_left()
        if left is not None:
            self.http_request.extensions["timeout"] = {
                phase: left if limit is None else min(limit, left) for phase, limit in self._timeout.items()
            }
        return self.http_request

    # What ends the call.

    def is_final(self, response: httpx.Response) -> bool:
        """A success, or a DELETE that finds its item already gone."""
        # An unfollowed 3xx did nothing: a DELETE must not 'succeed'.
        return response.status_code < 300 or self._already_deleted(response)

    def _already_deleted(self, response: httpx.Response) -> bool:
        # A DELETE resent after its reply was lost finds the item gone; that 404 means done. After a
        # 503 or 429 that refused it, a 404 means the item never existed.
        return self.method == "DELETE" and self.maybe_acted and response.status_code == 404

    # Whether to try again: seconds to wait before the next attempt, or the error to raise. The
    # caller raises it outside its handler: httpx's error would stay in __context__, and its request
    # holds the key.

    def after_error(self, exc: httpx.RequestError) -> float | DifyError:
        if self.deadline is not None and time.monotonic() >= self.started + self.deadline:
            return self.past_deadline()  # the timeout was the deadline's, cut short
        error = self.broken(exc)
        self.maybe_acted = self.maybe_acted or not retry.nothing_sent(exc)
        delay = retry.delay_after_error(self.route, self.attempt, self.max_retries, exc)
        return error if delay is None else self._next(delay, type(exc).__name__, error)

    def after_status(self, response: httpx.Response, content: bytes) -> float | DifyError:
        status = response.status_code
        hinted = retry.retry_after(response.headers)
        error = status_error(status, content, method=self.method, url=self.path, retries=self.attempt)
        error.retry_after = hinted
        error.note_headers(response.headers)
        self.log(response)
        self.maybe_acted = self.maybe_acted or not retry.refused_before_work(status, error.code)
        delay = retry.delay_after_status(
            self.route, self.attempt, self.max_retries, status, error.code, hinted
        )
        return error if delay is None else self._next(delay, f"HTTP {status}", error)

    def _next(self, delay: float, reason: str, error: DifyError) -> float | DifyError:
        if self.deadline is not None and time.monotonic() + delay >= self.started + self.deadline:
            return error  # waiting would end past the deadline: the last failure is the answer
        self.attempt += 1
        logger.info(
            "retrying %s %s in %.2fs (retry %d of %d) after %s",
            self.method,
            self.path,
            delay,
            self.attempt,
            self.max_retries,
            reason,
        )
        return delay

    def log(self, response: httpx.Response) -> None:
        elapsed_ms = (time.monotonic() - self.started) * 1000
        logger.debug("%s %s -> %d (%.1f ms)", self.method, self.path, response.status_code, elapsed_ms)

    def unusable(self, exc: RuntimeError) -> APIConnectionError:
        if "loop" in str(exc):
            reason = (
                "the injected httpx.AsyncClient holds connections of another event loop, which has "
                "ended; inject one client per event loop, or let dify_oapi make its own pools"
            )
        else:
            reason = "the client was closed while this call was under way"
        return APIConnectionError(
            f"{reason} ({self.method} {self.path})", method=self.method, url=self.path, retries=self.attempt
        )

    def broken(self, exc: httpx.RequestError) -> APIConnectionError:
        return transport_error(exc, method=self.method, url=self.path, retries=self.attempt)

    # How to read the reply.

    def body(self, response: httpx.Response) -> Body:
        """An empty body to read ``response`` into, decoded against ``max_body_bytes``."""
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            self.too_large()
        return Body(response, self.max_body_bytes, self.too_large)

    def too_large(self) -> NoReturn:
        raise ResponseTooLargeError(
            f"response body exceeds {self.max_body_bytes} bytes ({self.method} {self.path})"
        )

    def parse(self, response: httpx.Response, content: bytes, into: type[R]) -> R:
        if issubclass(into, BinaryResponse):
            if _json_null(response, content):
                # Dify's text-to-audio answers a message it cannot speak with 200 and null, not a 404.
                raise NotFoundError(
                    status_code=response.status_code,
                    code=None,
                    message="Dify answered with null instead of content: no such message, or nothing to speak",
                    body=None,
                    method=self.method,
                    url=self.path,
                    retries=self.attempt,
                )
            return into.from_reply(response.headers, content)  # bytes, empty ones included
        try:
            # 204 (both deletes) has no body; the model then holds only its defaults.
            if self._already_deleted(response) or not content.strip():
                return into.model_validate({})
            return into.model_validate_json(content)
        except ValidationError as exc:
            error = ResponseValidationError(f"{field_errors(exc, into.__name__)} ({self.method} {self.path})")
        raise error

    def raw(self, response: httpx.Response, content: bytes, into: type[R]) -> RawResponse[R]:
        """The reply with its status and headers; parsed only when asked, and by the same rule."""
        headers = response.headers.copy()  # only the reply's: the request's held the key
        return RawResponse(
            response.status_code, headers, content, lambda: self.parse(response, content, into)
        )

    def accept_stream(self, response: httpx.Response) -> None:
        """Check that ``response`` is an event stream, and give its reads the configured timeouts:
        the deadline bounded the opening, the events take as long as the run does."""
        # httpcore reads this same dict when the body's first read starts, not before.
        self.http_request.extensions["timeout"] = self._timeout
        content_type = response.headers.get("content-type", "")
        if not content_type.lower().startswith("text/event-stream"):  # media types ignore case
            raise ResponseValidationError(
                f"expected text/event-stream from {self.method} {self.path}, got {content_type or 'no type'!r}"
            )
        if found := codings(response):
            # Asked for identity; httpx would inflate each read whole, past max_frame_bytes.
            raise ResponseValidationError(
                f"a compressed event stream ({', '.join(found)}) is refused ({self.method} {self.path})"
            )


def _json_null(response: httpx.Response, content: bytes) -> bool:
    content_type = response.headers.get("content-type", "").lower()
    return content_type.startswith("application/json") and content.strip() == b"null"
