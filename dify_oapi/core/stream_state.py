"""The state of one stream's decoding, and the limits on how long its reads wait for an event.

The time a read waits for an event (pings do not count) is bounded by ``first_event_timeout`` and
``stream_idle_timeout``; ``watchdog`` enforces both, and wakes a read that ``close()`` in another
thread (or task) ends.
"""

from __future__ import annotations

import logging
import math
import threading
from typing import Generic, Protocol, TypeVar

import httpx

from dify_oapi.core import watchdog
from dify_oapi.core.config import Config
from dify_oapi.core.errors import (
    APITimeoutError,
    DifyError,
    FirstEventTimeoutError,
    IncompleteStreamError,
    StreamIdleTimeoutError,
    transport_error,
)
from dify_oapi.core.option import RequestOption
from dify_oapi.core.sse import Frame, SSEDecoder

E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)

logger: logging.Logger = logging.getLogger("dify_oapi")


class EventReader(Protocol[E_co]):
    """Turns frames of one API's stream into typed events and knows when that stream is complete."""

    @property
    def complete(self) -> bool: ...
    @property
    def paused(self) -> bool: ...
    @property
    def stopped(self) -> bool: ...
    def read(self, frame: Frame) -> E_co | None:
        """The event for ``frame``, ``None`` for keep-alives; raises for ``error`` frames."""

    def finish(self) -> None:
        """Called at end of body; raises ``IncompleteStreamError`` when the terminal event is missing."""

    def text(self, event: object) -> str | None:
        """The answer text an event adds, if any."""


class StreamTimeouts:
    """Seconds a read may wait for the first event and between two events; ``None``: no limit."""

    __slots__ = ("first_event", "idle")

    def __init__(self, first_event: float | None = None, idle: float | None = None) -> None:
        self.first_event: float | None = first_event
        self.idle: float | None = idle

    @classmethod
    def of(cls, config: Config, option: RequestOption | None) -> StreamTimeouts:
        """The request's limits where it sets them, else the client's."""
        first = option.first_event_timeout if option is not None else None
        idle = option.stream_idle_timeout if option is not None else None
        return cls(
            config.first_event_timeout if first is None else first,
            config.stream_idle_timeout if idle is None else idle,
        )


NO_LIMITS = StreamTimeouts()


class Decoding(Generic[E]):
    """The state of one stream's decoding. Kept apart from the stream object so the iterating
    generator holds no reference back to it: a dropped stream is freed (and closed) at once."""

    def __init__(
        self, response: httpx.Response, reader: EventReader[E], max_frame_bytes: int, timeouts: StreamTimeouts
    ) -> None:
        self.reader = reader
        self.decoder: SSEDecoder = SSEDecoder(max_frame_bytes)
        self.method: str = response.request.method
        self.path: str = response.request.url.path
        # Set once the server ended the stream (EOF or an `error` event). Closing before then,
        # whatever the reason (break, close(), task cancellation), abandons a run still going on Dify.
        self.server_done: bool = False
        self.timeouts = timeouts
        self.network = response.extensions.get("network_stream")  # absent under a mock transport
        # What the watchdog reads (see watchdog.Watched).
        self.deadline: float | None = None
        self.recheck: float = math.inf if timeouts.idle is None else timeouts.idle
        self.active: bool = False
        self.interrupt: str | None = None  # "closed" (close() from elsewhere) or "expired"
        self.finished: bool = False
        self.lock: threading.Lock = threading.Lock()

    def start(self) -> float:
        """Start timing the wait for the first event; returns the limit for each later wait."""
        first = self.timeouts.first_event
        if self.network is not None and (first is not None or self.timeouts.idle is not None):
            now = watchdog.clock()
            self.deadline = None if first is None else now + first
            self.active = True
            watchdog.watch(self, min(self.deadline or math.inf, now + self.recheck))
        return self.recheck

    def stop_watching(self) -> None:
        if self.active:
            self.active = False
            watchdog.ended()

    def done_reading(self) -> None:
        """Called before the response is closed: from then on its connection may serve another
        request from the pool, and its socket must never be shut from here."""
        with self.lock:
            self.finished = True
        self.stop_watching()

    def expire(self) -> None:
        self._shut("expired")

    def interrupt_read(self) -> bool:
        """End the read another thread or task is blocked in; False when there is no socket to shut."""
        return self._shut("closed")

    def _shut(self, why: str) -> bool:
        with self.lock:
            if self.finished:
                return True
            if self.interrupt is None or why == "closed":
                self.interrupt = why
            return watchdog.shut_down(self.network)

    def timed_out(self, first: bool) -> APITimeoutError:
        where = f"({self.method} {self.path})"
        if first:
            return FirstEventTimeoutError(
                f"no event but pings for {self.timeouts.first_event} s {where}. Dify answers a request it"
                " rejects before the run starts (an unknown conversation_id, an input its form refuses)"
                " with a ping and then silence; the same request in blocking mode shows Dify's real error",
                method=self.method,
                url=self.path,
            )
        return StreamIdleTimeoutError(
            f"no event for {self.timeouts.idle} s since the last one {where}; only pings arrived",
            method=self.method,
            url=self.path,
        )

    def at_eof(self, first: bool) -> bool:
        """True when the server ended the body; False when a close() elsewhere ended it."""
        self.stop_watching()
        if self.interrupt is not None:
            if self.interrupt == "expired" and not self.reader.complete:
                raise self.timed_out(first)
            return False
        self.server_done = True
        return True

    def tail(self) -> list[E]:
        read = self.reader.read
        events = [event for frame in self.decoder.close() if (event := read(frame)) is not None]
        self.reader.finish()
        return events

    def broken(self, exc: httpx.RequestError, first: bool = False) -> DifyError | None:
        """Our error for a failure while reading; raised outside the handler, so no __context__
        keeps httpx's error (its request holds the Authorization header). None once the stream
        completed (a connection cut after message_end loses nothing) or was closed on purpose."""
        if self.reader.complete or self.interrupt == "closed":
            return None
        if self.interrupt == "expired":
            return self.timed_out(first)
        if isinstance(exc, httpx.RemoteProtocolError):  # the body ended before its chunked terminator
            return IncompleteStreamError(f"the server closed the stream early ({self.method} {self.path})")
        return transport_error(exc, method=self.method, url=self.path)

    def after_end(self, exc: DifyError) -> DifyError | None:
        """Once the answer is complete, what follows cannot lose it: logged, and the stream ends."""
        if not self.reader.complete:
            return exc
        logger.warning("stream %s %s: ignored after message_end: %s", self.method, self.path, exc)
        return None
