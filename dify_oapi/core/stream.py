"""Typed event streams over an open HTTP response, sync and async.

Both iterate the body through one ``SSEDecoder`` and one ``EventReader``; only the I/O differs.
The response is always closed: at the end, on error, on ``close()``, on leaving ``with``, on task
cancellation, and when the stream is garbage collected.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import httpx

from dify_oapi.core.errors import DifyError, IncompleteStreamError, StreamEventError, transport_error
from dify_oapi.core.sse import Frame, SSEDecoder

if TYPE_CHECKING:
    import asyncio

E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)


class EventReader(Protocol[E_co]):
    """Turns frames of one API's stream into typed events and knows when that stream is complete."""

    @property
    def complete(self) -> bool: ...
    @property
    def paused(self) -> bool: ...
    def read(self, frame: Frame) -> E_co | None:
        """The event for ``frame``, ``None`` for keep-alives; raises for ``error`` frames."""

    def finish(self) -> None:
        """Called at end of body; raises ``IncompleteStreamError`` when the terminal event is missing."""

    def text(self, event: object) -> str | None:
        """The answer text an event adds, if any."""


class _Decoding(Generic[E]):
    """The state of one stream's decoding. Kept apart from the stream object so the iterating
    generator holds no reference back to it: a dropped stream is freed (and closed) at once."""

    def __init__(self, response: httpx.Response, reader: EventReader[E], max_frame_bytes: int) -> None:
        self.reader = reader
        self.decoder = SSEDecoder(max_frame_bytes)
        self.method = response.request.method
        self.path = response.request.url.path
        # Set once the server ended the stream (EOF or an `error` event). Closing before then,
        # whatever the reason (break, close(), task cancellation), abandons a run still going on Dify.
        self.server_done = False

    def tail(self) -> list[E]:
        read = self.reader.read
        events = [event for frame in self.decoder.close() if (event := read(frame)) is not None]
        self.reader.finish()
        return events

    def broken(self, exc: httpx.RequestError) -> DifyError | None:
        """Our error for a failure while reading; raised outside the handler, so no __context__
        keeps httpx's error (its request holds the Authorization header). None once the stream
        completed: a connection cut after message_end loses nothing."""
        if self.reader.complete:
            return None
        if isinstance(exc, httpx.RemoteProtocolError):  # the body ended before its chunked terminator
            return IncompleteStreamError(f"the server closed the stream early ({self.method} {self.path})")
        return transport_error(exc, method=self.method, url=self.path)


def _iterate(response: httpx.Response, decoding: _Decoding[E]) -> Generator[E, None, None]:
    # The per-event path: no list per chunk and no `yield from`, methods looked up once.
    feed, read = decoding.decoder.feed, decoding.reader.read
    try:
        for chunk in response.iter_bytes():
            for frame in feed(chunk):
                if (event := read(frame)) is not None:
                    yield event
        decoding.server_done = True
        yield from decoding.tail()
    except StreamEventError:
        decoding.server_done = True
        raise
    except httpx.RequestError as exc:
        failure = decoding.broken(exc)
    else:
        return
    finally:
        response.close()
    if failure is not None:
        raise failure


async def _aiterate(response: httpx.Response, decoding: _Decoding[E]) -> AsyncGenerator[E, None]:
    feed, read = decoding.decoder.feed, decoding.reader.read
    try:
        async for chunk in response.aiter_bytes():
            for frame in feed(chunk):
                if (event := read(frame)) is not None:
                    yield event
        decoding.server_done = True
        for event in decoding.tail():
            yield event
    except StreamEventError:
        decoding.server_done = True
        raise
    except httpx.RequestError as exc:
        failure = decoding.broken(exc)
    else:
        return
    finally:
        await response.aclose()
    if failure is not None:
        raise failure


class _StreamBase(Generic[E]):
    def __init__(self, response: httpx.Response, reader: EventReader[E], max_frame_bytes: int) -> None:
        self.response_headers: httpx.Headers = response.headers.copy()
        self._response = response
        self._decoding = _Decoding(response, reader, max_frame_bytes)

    @property
    def complete(self) -> bool:
        """True once the terminal event arrived (``message_end`` for chat)."""
        return self._decoding.reader.complete

    @property
    def paused(self) -> bool:
        """True when the run paused for human input (``workflow_paused``): complete, but no answer yet."""
        return self._decoding.reader.paused

    def _abandoned(self) -> bool:
        return not self.complete and not self._decoding.server_done

    def __repr__(self) -> str:
        where = f"{self._decoding.method} {self._decoding.path}"
        return f"<{type(self).__name__} {where} complete={self.complete}>"


class Stream(_StreamBase[E]):
    """``with client...send_chat_message(req, opt, True) as stream: for event in stream: ...``"""

    def __init__(
        self,
        response: httpx.Response,
        reader: EventReader[E],
        max_frame_bytes: int,
        on_abandon: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(response, reader, max_frame_bytes)
        self._iterator = _iterate(response, self._decoding)
        self._on_abandon = on_abandon

    def __iter__(self) -> Iterator[E]:
        return self._iterator

    def __next__(self) -> E:
        return next(self._iterator)

    def text(self) -> Iterator[str]:
        """Only the answer deltas, in order."""
        text = self._decoding.reader.text
        for event in self._iterator:
            if (delta := text(event)) is not None:
                yield delta

    def iter_bytes(self) -> Iterator[bytes]:
        """The raw SSE bytes as received, for relaying to a browser; no events are parsed."""
        try:
            yield from self._response.iter_bytes()
            self._decoding.server_done = True
        except httpx.RequestError as exc:
            failure = self._decoding.broken(exc)
        else:
            return
        finally:
            self._response.close()
        if failure is not None:
            raise failure

    def close(self) -> None:
        """Release the connection; with ``stop_on_close``, an unfinished run is stopped on Dify too."""
        stop, self._on_abandon = (self._on_abandon if self._abandoned() else None), None
        self._iterator.close()
        self._response.close()
        if stop is not None:
            stop()

    def __del__(self) -> None:
        # A stream dropped unread never started its generator, whose `finally` would close it.
        self._response.close()

    def __enter__(self) -> Stream[E]:
        return self

    def __exit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


_closing: set[asyncio.Task[None]] = set()


class AsyncStream(_StreamBase[E]):
    """``stream = await client...asend_chat_message(req, opt, True)``; ``async with stream: async for ...``"""

    def __init__(
        self,
        response: httpx.Response,
        reader: EventReader[E],
        max_frame_bytes: int,
        on_abandon: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(response, reader, max_frame_bytes)
        self._iterator = _aiterate(response, self._decoding)
        self._on_abandon = on_abandon

    def __aiter__(self) -> AsyncIterator[E]:
        return self._iterator

    async def __anext__(self) -> E:
        return await self._iterator.__anext__()

    async def text(self) -> AsyncIterator[str]:
        """Only the answer deltas, in order."""
        text = self._decoding.reader.text
        async for event in self._iterator:
            if (delta := text(event)) is not None:
                yield delta

    async def iter_bytes(self) -> AsyncIterator[bytes]:
        """The raw SSE bytes as received, for relaying to a browser; no events are parsed."""
        try:
            async for chunk in self._response.aiter_bytes():
                yield chunk
            self._decoding.server_done = True
        except httpx.RequestError as exc:
            failure = self._decoding.broken(exc)
        else:
            return
        finally:
            await self._response.aclose()
        if failure is not None:
            raise failure

    async def aclose(self) -> None:
        """Release the connection; with ``stop_on_close``, an unfinished run is stopped on Dify too."""
        stop, self._on_abandon = (self._on_abandon if self._abandoned() else None), None
        await self._iterator.aclose()
        await self._response.aclose()
        if stop is not None:
            await stop()

    def __del__(self) -> None:
        import asyncio  # an AsyncStream exists only once asyncio is loaded

        # A stream dropped unread never started its async generator, so asyncio would not finalize it.
        if self._response.is_closed:
            return
        try:
            task = asyncio.get_running_loop().create_task(self._response.aclose())
        except RuntimeError:  # no loop left to close on; the socket goes with the process
            return
        _closing.add(task)
        task.add_done_callback(_closing.discard)

    async def __aenter__(self) -> AsyncStream[E]:
        return self

    async def __aexit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()
