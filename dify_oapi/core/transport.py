"""The one transport: auth, retries, timeouts, size caps and error mapping, with thin sync and async drivers.

Everything except the I/O calls lives in ``_Call`` (one API call across its attempts), so the two
drivers differ only in ``await``.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import TYPE_CHECKING, NoReturn, TypeVar

import httpx
from pydantic import BaseModel, SecretStr, ValidationError

from dify_oapi._version import __version__
from dify_oapi.core import retry
from dify_oapi.core.config import Config
from dify_oapi.core.errors import (
    APIConnectionError,
    InvalidRequestError,
    ResponseTooLargeError,
    ResponseValidationError,
    describe,
    status_error,
    transport_error,
)
from dify_oapi.core.model import Request
from dify_oapi.core.option import RequestOption
from dify_oapi.core.stream import AsyncStream, EventReader, Stream, StreamTimeouts

if TYPE_CHECKING:
    import asyncio

R = TypeVar("R", bound=BaseModel)
E = TypeVar("E")

logger = logging.getLogger("dify_oapi")


_USER_AGENT = f"dify_oapi/{__version__}"


class BearerAuth(httpx.Auth):
    """Sets the header at send time, so no dict or local variable of ours holds ``Bearer <key>``."""

    def __init__(self, api_key: SecretStr) -> None:
        self._api_key = api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = "Bearer " + self._api_key.get_secret_value()
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(api_key='**********')"


class _Call:
    """One API call: the prepared request and its retry bookkeeping."""

    def __init__(
        self,
        config: Config,
        request: Request,
        option: RequestOption | None,
        client: httpx.Client | httpx.AsyncClient,
    ) -> None:
        if option is None:
            raise InvalidRequestError("RequestOption.api_key: required (pass a RequestOption)")
        parts = request.http_parts()
        self.route = request.route
        self.method = self.route.method
        self.path = parts.path
        self.auth = BearerAuth(option.api_key)
        self.max_retries = config.max_retries if option.max_retries is None else option.max_retries
        self.max_body_bytes = config.max_body_bytes
        self.attempt = 0
        timeout = option.timeout if option.timeout is not None else config.timeout
        # build_request keeps what an injected client adds (default headers, cookies, event hooks).
        self.http_request = client.build_request(
            self.method,
            config.domain + parts.path,
            params=parts.params,
            json=parts.json,
            headers={"User-Agent": _USER_AGENT, **option.headers},
            timeout=timeout,
        )
        self.started = time.perf_counter()
        self.already_done = False

    def succeeded(self, response: httpx.Response) -> bool:
        if response.status_code < 300:  # an unfollowed 3xx did nothing: a DELETE must not 'succeed'
            return True
        # Spec §7.3: a DELETE resent after its reply was lost finds the item gone; that 404 means done.
        self.already_done = self.method == "DELETE" and self.attempt > 0 and response.status_code == 404
        return self.already_done

    def after_error(self, exc: httpx.RequestError) -> float | APIConnectionError:
        """Seconds to wait before the next attempt, or the error to raise. The caller raises it
        outside its handler: httpx's error would stay in __context__, and its request holds the key."""
        delay = retry.delay_after_error(self.route, self.attempt, self.max_retries, exc)
        if delay is None:
            return self.broken(exc)
        return self._next(delay, type(exc).__name__)

    def after_status(self, response: httpx.Response, content: bytes) -> float:
        """Seconds to wait before the next attempt, or raise the status error."""
        error = status_error(
            response.status_code, content, method=self.method, url=self.path, retries=self.attempt
        )
        self.log(response)
        delay = retry.delay_after_status(self.route, self.attempt, self.max_retries, response, error.code)
        if delay is None:
            raise error
        return self._next(delay, f"HTTP {response.status_code}")

    def _next(self, delay: float, reason: str) -> float:
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
        elapsed_ms = (time.perf_counter() - self.started) * 1000
        logger.debug("%s %s -> %d (%.1f ms)", self.method, self.path, response.status_code, elapsed_ms)

    def check_length(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            self.too_large()

    def too_large(self) -> NoReturn:
        raise ResponseTooLargeError(
            f"response body exceeds {self.max_body_bytes} bytes ({self.method} {self.path})"
        )

    def parse(self, content: bytes, into: type[R]) -> R:
        try:
            # 204 (both deletes) has no body; the model then holds only its defaults.
            if self.already_done or not content.strip():
                return into.model_validate({})
            return into.model_validate_json(content)
        except ValidationError as exc:
            error = ResponseValidationError(f"{describe(exc, into.__name__)} ({self.method} {self.path})")
        raise error

    def expect_event_stream(self, response: httpx.Response) -> None:
        content_type = response.headers.get("content-type", "")
        if not content_type.lower().startswith("text/event-stream"):  # media types ignore case
            raise ResponseValidationError(
                f"expected text/event-stream from {self.method} {self.path}, got {content_type or 'no type'!r}"
            )

    def broken(self, exc: httpx.RequestError) -> APIConnectionError:
        return transport_error(exc, method=self.method, url=self.path, retries=self.attempt)


def _read(response: httpx.Response, call: _Call) -> bytes:
    call.check_length(response)
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > call.max_body_bytes:
                call.too_large()
    except httpx.RequestError as exc:
        error = call.broken(exc)
    else:
        return bytes(body)
    raise error


async def _aread(response: httpx.Response, call: _Call) -> bytes:
    call.check_length(response)
    body = bytearray()
    try:
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > call.max_body_bytes:
                call.too_large()
    except httpx.RequestError as exc:
        error = call.broken(exc)
    else:
        return bytes(body)
    raise error


async def _closed_with_the_loop(client: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    # Started on the loop that owns `client`, so that loop finalizes it: asyncio.run() does so
    # (shutdown_asyncgens) before it closes the loop, while closing the pool still works.
    try:
        yield
    finally:
        await client.aclose()


class Transport:
    """Owns the httpx clients (made on first use unless injected) and sends every request."""

    def __init__(
        self,
        config: Config,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.config = config
        self._client = http_client
        self._owns_client = http_client is None
        self._injected_async_client = async_http_client
        # A pool's connections belong to the event loop that opened them, so each running loop gets
        # its own AsyncClient, closed when that loop shuts down (weak keys: a dead loop drops out).
        self._async_clients: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, tuple[httpx.AsyncClient, AsyncGenerator[None, None]]
        ] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def _sync_client(self) -> httpx.Client:
        # After close(), a client of ours is made anew on the next call, as the async side does.
        if self._client is None or (self._owns_client and self._client.is_closed):
            with self._lock:
                if self._client is None or (self._owns_client and self._client.is_closed):
                    self._client = httpx.Client(timeout=self.config.timeout, limits=self.config.limits)
        return self._client

    async def _async(self) -> httpx.AsyncClient:
        import asyncio  # async callers have it already

        if self._injected_async_client is not None:
            return self._injected_async_client
        loop = asyncio.get_running_loop()
        with self._lock:  # loops in other threads share the table
            owned = self._async_clients.get(loop)
            if owned is None:
                client = httpx.AsyncClient(timeout=self.config.timeout, limits=self.config.limits)
                owned = self._async_clients[loop] = (client, _closed_with_the_loop(client))
                started = False
            else:
                started = True
        if not started:
            await owned[1].__anext__()  # runs to its yield at once, registering it with this loop
        return owned[0]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        """Close the async pool of the running event loop (pools of other loops close with them)."""
        import asyncio  # async callers have it already

        if self._injected_async_client is not None:
            await self._injected_async_client.aclose()
            return
        with self._lock:
            owned = self._async_clients.pop(asyncio.get_running_loop(), None)
        if owned is not None:
            await owned[0].aclose()

    def _exchange(self, request: Request, option: RequestOption | None) -> tuple[httpx.Response, _Call]:
        client = self._sync_client()
        call = _Call(self.config, request, option, client)
        while True:
            try:
                response = client.send(call.http_request, auth=call.auth, stream=True)
            except httpx.RequestError as exc:
                outcome = call.after_error(exc)
            else:
                if call.succeeded(response):
                    call.log(response)
                    return response, call
                try:
                    content = _read(response, call)
                finally:
                    response.close()
                outcome = call.after_status(response, content)
            if isinstance(outcome, APIConnectionError):
                raise outcome
            retry.sleep(outcome)

    def send(self, request: Request, option: RequestOption | None, into: type[R]) -> R:
        response, call = self._exchange(request, option)
        try:
            content = _read(response, call)
        finally:
            response.close()
        return call.parse(content, into)

    def open_stream(
        self,
        request: Request,
        option: RequestOption | None,
        reader: EventReader[E],
        on_abandon: Callable[[], None] | None = None,
    ) -> Stream[E]:
        response, call = self._exchange(request, option)
        try:
            call.expect_event_stream(response)
        except ResponseValidationError:
            response.close()
            raise
        timeouts = StreamTimeouts.of(self.config, option)
        return Stream(response, reader, self.config.max_frame_bytes, on_abandon, timeouts)

    async def _aexchange(
        self, request: Request, option: RequestOption | None
    ) -> tuple[httpx.Response, _Call]:
        client = await self._async()
        call = _Call(self.config, request, option, client)
        while True:
            try:
                response = await client.send(call.http_request, auth=call.auth, stream=True)
            except httpx.RequestError as exc:
                outcome = call.after_error(exc)
            else:
                if call.succeeded(response):
                    call.log(response)
                    return response, call
                try:
                    content = await _aread(response, call)
                finally:
                    await response.aclose()
                outcome = call.after_status(response, content)
            if isinstance(outcome, APIConnectionError):
                raise outcome
            await retry.asleep(outcome)

    async def asend(self, request: Request, option: RequestOption | None, into: type[R]) -> R:
        response, call = await self._aexchange(request, option)
        try:
            content = await _aread(response, call)
        finally:
            await response.aclose()
        return call.parse(content, into)

    async def aopen_stream(
        self,
        request: Request,
        option: RequestOption | None,
        reader: EventReader[E],
        on_abandon: Callable[[], Awaitable[None]] | None = None,
    ) -> AsyncStream[E]:
        response, call = await self._aexchange(request, option)
        try:
            call.expect_event_stream(response)
        except ResponseValidationError:
            await response.aclose()
            raise
        timeouts = StreamTimeouts.of(self.config, option)
        return AsyncStream(response, reader, self.config.max_frame_bytes, on_abandon, timeouts)

    def __repr__(self) -> str:
        return f"<Transport {self.config.domain}>"
