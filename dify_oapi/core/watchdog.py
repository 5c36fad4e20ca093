"""Wakes stream reads that wait too long for an event, or that another thread wants stopped.

A read blocked in ``recv`` cannot be cancelled from Python, and every ping resets httpx's read
timeout, so both a deadline on real events and a close from another thread shut the socket down:
the blocked read returns at once (sync or asyncio alike) and the reader looks up why. One daemon
thread serves every stream of the process; a stream costs it one heap entry, checked lazily.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import threading
import time
import weakref
from typing import Any, Protocol

clock = time.monotonic


class Watched(Protocol):
    @property
    def deadline(self) -> float | None:
        """When the current wait for an event ends; ``None`` while the caller holds an event."""

    @property
    def recheck(self) -> float:
        """Seconds to leave a caller that holds an event alone before looking again."""

    @property
    def active(self) -> bool: ...
    def expire(self) -> None: ...


def shut_down(network_stream: Any) -> bool:
    """Shut the socket under httpcore's network stream; False when there is none (a mock transport)."""
    get = getattr(network_stream, "get_extra_info", None)
    sock = get("socket") if get is not None else None
    if sock is None:
        return False
    import socket  # loaded by then: the connection is open

    try:
        # The plain socket's method also for TLS: SSLSocket.shutdown drops its SSL object first,
        # under a read that may be using it in another thread.
        if isinstance(sock, socket.socket):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        else:  # asyncio's TransportSocket
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed: the read has ended anyway
        pass
    return True


class _Watchdog:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, weakref.ref[Watched]]] = []
        self._wake = threading.Condition(threading.Lock())
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._ended = 0

    def watch(self, item: Watched, at: float) -> None:
        with self._wake:
            if self._ended > 1024 and self._ended * 2 > len(self._heap):
                # Ended streams wait in the heap until their deadline; drop them in bulk.
                self._heap = [entry for entry in self._heap if (live := entry[2]()) and live.active]
                heapq.heapify(self._heap)
                self._ended = 0
            self._push(at, item)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="dify_oapi-streams", daemon=True)
                self._thread.start()
            elif self._heap and self._heap[0][0] == at:
                self._wake.notify()

    def ended(self) -> None:
        with self._wake:
            self._ended += 1

    def _push(self, at: float, item: Watched) -> None:
        if at < math.inf:  # a stream without a limit needs no more looking at
            heapq.heappush(self._heap, (at, next(self._order), weakref.ref(item)))

    def _run(self) -> None:
        with self._wake:
            while True:
                now = clock()
                if not self._heap or self._heap[0][0] > now:
                    self._wake.wait(self._heap[0][0] - now if self._heap else None)
                    continue
                item = heapq.heappop(self._heap)[2]()
                if item is None or not item.active:
                    continue
                deadline = item.deadline
                if deadline is not None and deadline <= now:
                    item.expire()
                else:
                    # An event may come any moment and move the deadline to one `recheck` after it
                    # (earlier than a first-event deadline): never sleep past that.
                    self._push(min(deadline or math.inf, now + item.recheck), item)


watchdog = _Watchdog()


def _after_fork() -> None:
    # The thread does not survive fork() and its lock may have been held: the child starts afresh.
    global watchdog
    watchdog = _Watchdog()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork()
    os.register_at_fork(after_in_child=_after_fork)


def watch(item: Watched, at: float) -> None:
    watchdog.watch(item, at)


def ended() -> None:
    watchdog.ended()
