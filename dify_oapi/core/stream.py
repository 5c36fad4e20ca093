"""Typed event streams over an open HTTP response, sync and async.

Both iterate the body through one ``SSEDecoder`` and one ``EventReader``; only the I/O differs.
The response is always closed: at the end, on error, on ``close()``, on leaving ``with``, on task
cancellation, and when the stream is garbage collected.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx
from typing_extensions import Self

from dify_oapi.core import watchdog
from dify_oapi.core.errors import (
    APIConnectionError,
    DifyError,
    StreamEventError,
    WorkflowFailedError,
)
from dify_oapi.core.raw import DifyHeaders
from dify_oapi.core.stream_state import NO_LIMITS, Decoding, EventReader, StreamTimeouts

if TYPE_CHECKING:
    import asyncio

__all__ = ["AsyncStream", "EventReader", "Stream", "StreamTimeouts"]

E = TypeVar("E")

# The server itself ended the run: no stop to send, and the connection is done.
_SERVER_ENDED = (StreamEventError, WorkflowFailedError)


def _iterate(response: httpx.Response, decoding: Decoding[E]) -> Generator[E, None, None]:
    # The per-event path: no list per chunk and no `yield from`, methods looked up once. The
    # deadline is lifted while the caller holds an event: only time spent waiting on Dify counts.
    feed, read, clock = decoding.decoder.feed, decoding.reader.read, watchdog.clock
    idle = decoding.start()
    first = True
    try:
        for chunk in response.iter_bytes():
            for frame in feed(chunk):
                if (event := read(frame)) is not None:
                    decoding.deadline = None
                    yield event
                    first = False
                    decoding.deadline = clock() + idle
        if decoding.at_eof(first):
            yield from decoding.tail()
    except _SERVER_ENDED as exc:
        decoding.server_done = True
        if isinstance(exc, StreamEventError):
            exc.note_headers(response.headers)
        raise
    except httpx.RequestError as exc:
        failure = decoding.broken(exc, first)
    except DifyError as exc:
        failure = decoding.after_end(exc)
    else:
        return
    finally:
        decoding.done_reading()
        response.close()
    if failure is not None:
        raise failure


async def _aiterate(response: httpx.Response, decoding: Decoding[E]) -> AsyncGenerator[E, None]:
    feed, read, clock = decoding.decoder.feed, decoding.reader.read, watchdog.clock
    idle = decoding.start()
    first = True
    try:
        async for chunk in response.aiter_bytes():
            for frame in feed(chunk):
                if (event := read(frame)) is not None:
                    decoding.deadline = None
                    yield event
                    first = False
                    decoding.deadline = clock() + idle
        if decoding.at_eof(first):
            for event in decoding.tail():
                yield event
    except _SERVER_ENDED as exc:
        decoding.server_done = True
        if isinstance(exc, StreamEventError):
            exc.note_headers(response.headers)
        raise
    except httpx.RequestError as exc:
        failure = decoding.broken(exc, first)
    except DifyError as exc:
        failure = decoding.after_end(exc)
    else:
        return
    finally:
        decoding.done_reading()
        await response.aclose()
    if failure is not None:
        raise failure


class _StreamBase(DifyHeaders, Generic[E]):
    def __init__(
        self, response: httpx.Response, reader: EventReader[E], max_frame_bytes: int, timeouts: StreamTimeouts
    ) -> None:
        self.response_headers: httpx.Headers = response.headers.copy()
        self._response = response
        self._decoding = Decoding(response, reader, max_frame_bytes, timeouts)
        self._lock = self._decoding.lock  # two threads closing at once still send one stop
        self._closed = False

    def _reply_headers(self) -> httpx.Headers:
        return self.response_headers

    @property
    def complete(self) -> bool:
        """True once the stream reached its end as Dify sent it: ``message_end``, or a paused or
        stopped run (see ``paused`` and ``stopped``)."""
        return self._decoding.reader.complete

    @property
    def paused(self) -> bool:
        """True when the run paused for human input (``workflow_paused``): complete, but no answer yet."""
        return self._decoding.reader.paused

    @property
    def stopped(self) -> bool:
        """True when the run ended as stopped (``stop_chat_message``): complete, the answer cut short."""
        return self._decoding.reader.stopped

    def _first_close(self) -> bool:
        """True for the first close only: it alone may send the stop."""
        with self._lock:
            first, self._closed = not self._closed, True
        return first and not self.complete and not self._decoding.server_done

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
        timeouts: StreamTimeouts = NO_LIMITS,
    ) -> None:
        super().__init__(response, reader, max_frame_bytes, timeouts)
        self._iterator = _iterate(response, self._decoding)
        self._on_abandon = on_abandon
        self._owner = threading.get_ident()

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
            self._decoding.done_reading()
            self._response.close()
        if failure is not None:
            raise failure

    def close(self) -> None:
        """Release the connection; with ``stop_on_close``, an unfinished run is stopped on Dify too.

        Safe from another thread (a watchdog): the read under way there ends, and so does its loop."""
        stop = self._on_abandon if self._first_close() else None
        if threading.get_ident() != self._owner:
            self._interrupt()
        else:
            try:
                self._iterator.close()
            except ValueError:  # "generator already executing": another thread is reading it
                self._interrupt()
            else:
                self._response.close()
        if stop is not None:
            stop()

    def _interrupt(self) -> None:
        # The reading thread closes the response itself when its read returns; without a socket to
        # shut (a mock transport) nothing blocks, so closing here is enough.
        if not self._decoding.interrupt_read():
            self._response.close()

    def __del__(self) -> None:
        # A stream dropped unread never started its generator, whose `finally` would close it.
        self._response.close()

    def __enter__(self) -> Self:
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
        timeouts: StreamTimeouts = NO_LIMITS,
    ) -> None:
        import asyncio  # an AsyncStream is made inside a running loop

        super().__init__(response, reader, max_frame_bytes, timeouts)
        self._iterator = _aiterate(response, self._decoding)
        self._on_abandon = on_abandon
        self._loop = weakref.ref(asyncio.get_running_loop())

    def _same_loop(self) -> AsyncIterator[E]:
        """The iterator, if its connection's event loop is the running one. Once that loop ended,
        its connection went with it, and the iterator would end at once as if the stream had."""
        import asyncio  # loaded: this runs inside a loop

        if self._loop() is not asyncio.get_running_loop() and not self._closed:
            raise APIConnectionError(
                "this AsyncStream was opened in another event loop, which owns its connection"
                f" ({self._decoding.method} {self._decoding.path}); read a stream in the loop that opened it",
                method=self._decoding.method,
                url=self._decoding.path,
            )
        return self._iterator

    def __aiter__(self) -> AsyncIterator[E]:
        return self._same_loop()

    async def __anext__(self) -> E:
        return await self._same_loop().__anext__()

    async def text(self) -> AsyncIterator[str]:
        """Only the answer deltas, in order."""
        text = self._decoding.reader.text
        async for event in self._same_loop():
            if (delta := text(event)) is not None:
                yield delta

    async def iter_bytes(self) -> AsyncIterator[bytes]:
        """The raw SSE bytes as received, for relaying to a browser; no events are parsed."""
        self._same_loop()
        try:
            async for chunk in self._response.aiter_bytes():
                yield chunk
            self._decoding.server_done = True
        except httpx.RequestError as exc:
            failure = self._decoding.broken(exc)
        else:
            return
        finally:
            self._decoding.done_reading()
            await self._response.aclose()
        if failure is not None:
            raise failure

    async def aclose(self) -> None:
        """Release the connection; with ``stop_on_close``, an unfinished run is stopped on Dify too.

        Safe from another task: the read under way there ends, and so does its loop."""
        stop = self._on_abandon if self._first_close() else None
        # Another task is reading: shutting the socket wakes it.
        if getattr(self._iterator, "ag_running", False):
            if not self._decoding.interrupt_read():
                await self._response.aclose()
        else:
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

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.aclose()
