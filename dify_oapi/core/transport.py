"""The one transport: thin sync and async drivers that send, wait and read.

Each driver asks an ``Exchange`` (``exchange.py``) what to send, whether to try again and how to read
the reply, and takes its httpx client from ``Pools`` (``pools.py``); the two differ only in ``await``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from dify_oapi.core import retry
from dify_oapi.core.config import Config
from dify_oapi.core.errors import DifyError, ResponseValidationError
from dify_oapi.core.exchange import Exchange
from dify_oapi.core.model import Request
from dify_oapi.core.option import RequestOption
from dify_oapi.core.pools import Pools
from dify_oapi.core.raw import RawResponse
from dify_oapi.core.stream import AsyncStream, EventReader, Stream, StreamTimeouts

R = TypeVar("R", bound=BaseModel)
E = TypeVar("E")
T = TypeVar("T")
S = TypeVar("S", bound=Stream[Any])
AS = TypeVar("AS", bound=AsyncStream[Any])


class _Forgetful(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A reply's body stream that lets go of httpx's own once closed: that one keeps httpcore's copy
    of the request headers, the key included, for as long as the response object lives."""

    def __init__(self, inner: httpx.SyncByteStream | httpx.AsyncByteStream) -> None:
        self._inner: Any = inner

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._inner)

    def __aiter__(self) -> AsyncIterator[bytes]:
        return aiter(self._inner)

    def close(self) -> None:
        inner, self._inner = self._inner, _SPENT
        inner.close()

    async def aclose(self) -> None:
        inner, self._inner = self._inner, _SPENT
        await inner.aclose()


_SPENT = httpx.ByteStream(b"")  # what a closed stream is left holding: nothing, closable again


def received(response: httpx.Response) -> httpx.Response:
    """``response`` as the drivers keep it: its body stream forgets the request once closed."""
    response.stream = _Forgetful(response.stream)
    return response


def _read(response: httpx.Response, exchange: Exchange) -> bytes:
    body = exchange.body(response)
    try:
        for raw in response.iter_raw():
            exchange.time_left()  # a server trickling bytes must not outlast the deadline
            body.add(raw)
        content = body.finish()
    except httpx.RequestError as exc:  # DecodingError included: a corrupt gzip body
        error = exchange.broken(exc)
    else:
        return content
    raise error


async def _aread(response: httpx.Response, exchange: Exchange) -> bytes:
    body = exchange.body(response)
    try:
        async for raw in response.aiter_raw():
            exchange.time_left()
            body.add(raw)
        content = body.finish()
    except httpx.RequestError as exc:
        error = exchange.broken(exc)
    else:
        return content
    raise error


async def _within_deadline(exchange: Exchange, work: Coroutine[Any, Any, T]) -> T:
    """Async calls end at their deadline exactly, whatever phase they are in: cancellation reaches
    any await (the sync driver checks between reads instead)."""
    if exchange.deadline is None:
        return await work
    import asyncio  # async callers have it already

    try:
        return await asyncio.wait_for(work, exchange.deadline)
    except asyncio.TimeoutError:
        error = exchange.past_deadline()
    raise error


class Transport:
    """Sends every request of one ``Client``."""

    def __init__(self, config: Config, pools: Pools) -> None:
        self.config = config
        self._pools = pools

    def close(self) -> None:
        self._pools.close()

    async def aclose(self) -> None:
        await self._pools.aclose()

    def _exchange(self, client: httpx.Client, exchange: Exchange) -> httpx.Response:
        while True:
            try:
                response = received(
                    client.send(exchange.request_for_attempt(), auth=exchange.auth, stream=True)
                )
            except httpx.RequestError as exc:
                outcome = exchange.after_error(exc)
            except RuntimeError as exc:  # httpx's word for a client closed under this call
                outcome = exchange.unusable(exc)
            else:
                if exchange.is_final(response):
                    exchange.log(response)
                    return response
                try:
                    content = _read(response, exchange)
                finally:
                    response.close()
                outcome = exchange.after_status(response, content)
            if isinstance(outcome, DifyError):
                raise outcome
            retry.sleep(outcome)

    def send(self, request: Request, option: RequestOption | None, into: type[R]) -> R:
        return self.send_raw(request, option, into).parse()

    def send_raw(self, request: Request, option: RequestOption | None, into: type[R]) -> RawResponse[R]:
        client = self._pools.sync_client()
        exchange = Exchange(self.config, request, option, client)
        response = self._exchange(client, exchange)
        try:
            content = _read(response, exchange)
        finally:
            response.close()
        return exchange.raw(response, content, into)

    def open_stream(
        self,
        request: Request,
        option: RequestOption | None,
        reader: EventReader[E],
        on_abandon: Callable[[], None] | None,
        kind: type[S],
    ) -> S:
        """The stream, as ``kind`` (``Stream`` or an API's own subclass of it)."""
        client = self._pools.sync_client()
        exchange = Exchange(self.config, request, option, client)
        response = self._exchange(client, exchange)
        try:
            exchange.accept_stream(response)
        except ResponseValidationError:
            response.close()
            raise
        timeouts = StreamTimeouts.of(self.config, option)
        return kind(response, reader, self.config.max_frame_bytes, on_abandon, timeouts)

    async def _aexchange(self, client: httpx.AsyncClient, exchange: Exchange) -> httpx.Response:
        while True:
            try:
                response = received(
                    await client.send(exchange.request_for_attempt(), auth=exchange.auth, stream=True)
                )
            except httpx.RequestError as exc:
                outcome = exchange.after_error(exc)
            except RuntimeError as exc:  # a closed client, or connections of an event loop now gone
                outcome = exchange.unusable(exc)
            else:
                if exchange.is_final(response):
                    exchange.log(response)
                    return response
                try:
                    content = await _aread(response, exchange)
                finally:
                    await response.aclose()
                outcome = exchange.after_status(response, content)
            if isinstance(outcome, DifyError):
                raise outcome
            await retry.asleep(outcome)

    async def _areceive(self, client: httpx.AsyncClient, exchange: Exchange, into: type[R]) -> RawResponse[R]:
        response = await self._aexchange(client, exchange)
        try:
            content = await _aread(response, exchange)
        finally:
            await response.aclose()
        return exchange.raw(response, content, into)

    async def asend(self, request: Request, option: RequestOption | None, into: type[R]) -> R:
        return (await self.asend_raw(request, option, into)).parse()

    async def asend_raw(
        self, request: Request, option: RequestOption | None, into: type[R]
    ) -> RawResponse[R]:
        client = await self._pools.async_client()
        exchange = Exchange(self.config, request, option, client)
        return await _within_deadline(exchange, self._areceive(client, exchange, into))

    async def aopen_stream(
        self,
        request: Request,
        option: RequestOption | None,
        reader: EventReader[E],
        on_abandon: Callable[[], Awaitable[None]] | None,
        kind: type[AS],
    ) -> AS:
        client = await self._pools.async_client()
        exchange = Exchange(self.config, request, option, client)
        response = await _within_deadline(exchange, self._aexchange(client, exchange))
        try:
            exchange.accept_stream(response)
        except ResponseValidationError:
            await response.aclose()
            raise
        timeouts = StreamTimeouts.of(self.config, option)
        return kind(response, reader, self.config.max_frame_bytes, on_abandon, timeouts)

    def __repr__(self) -> str:
        return f"<Transport {self.config.domain}>"
