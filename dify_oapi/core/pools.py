"""The httpx clients a transport sends through: one sync pool, and one async pool per running event loop.

An ``httpx.AsyncClient``'s connections belong to the event loop that opened them: used from another
loop they fail (``RuntimeError: ... attached to a different loop``, or ``Event loop is closed`` once
the first loop is gone). One pool per loop lets threads with their own loops, and a program calling
``asyncio.run()`` once per call, share one ``Client``. Within one loop the pool is reused: a new
``AsyncClient`` per call measured 26 ms a call against 1.3 ms on loopback (each new client loads the
TLS certificates, and each call pays a TCP connect).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from contextlib import suppress
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TYPE_CHECKING, TypeVar

import httpx

from dify_oapi.core.config import Config
from dify_oapi.core.errors import InvalidRequestError

if TYPE_CHECKING:
    import asyncio

C = TypeVar("C", httpx.Client, httpx.AsyncClient)


_PROXY_SETTINGS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
_CERTIFICATE_SETTINGS = ("SSL_CERT_FILE", "SSL_CERT_DIR")


def _environment_error(exc: Exception) -> InvalidRequestError:
    """Name the variable at fault; never its value, which may hold a proxy password."""
    candidates = _CERTIFICATE_SETTINGS if isinstance(exc, OSError) else _PROXY_SETTINGS
    names = [name for name in candidates for spelled in (name, name.lower()) if os.environ.get(spelled)]
    detail = str(exc) if isinstance(exc, (ImportError, OSError)) else type(exc).__name__
    return InvalidRequestError(
        f"environment {', '.join(names) or 'setting'}: httpx cannot use it ({detail}); fix or unset it, "
        "or build the client with .trust_env(False)"
    )


def _no_cookies() -> CookieJar:
    """A jar that keeps nothing: one client serves many API keys, and a cookie one reply set (a
    load balancer's session, say) must never go out with another key's request."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


@dataclass
class _LoopPool:
    client: httpx.AsyncClient
    # Started on the loop that owns `client`, so that loop finalises it: asyncio.run() does so
    # (shutdown_asyncgens) before it closes the loop, while closing the pool still works.
    finaliser: AsyncGenerator[None, None] | None = None
    abandoned: bool = False  # its loop closed without finalising it: nothing left to await on


async def _closed_with_the_loop(
    pool: _LoopPool, forget: Callable[[asyncio.AbstractEventLoop], None]
) -> AsyncGenerator[None, None]:
    import asyncio  # async callers have it already

    loop = asyncio.get_running_loop()
    try:
        yield
    finally:
        if not pool.abandoned:
            await pool.client.aclose()
            # The pool's connections hold the loop, so a weak key alone would never drop it:
            # each asyncio.run() would leave its loop and pool behind (about 800 KiB a run).
            forget(loop)


_EVERY: weakref.WeakSet[Pools] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for pools in list(_EVERY):
        pools.inherited()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


class Pools:
    """Made on first use unless injected; an injected client is used as given and closed only on request."""

    def __init__(self, config: Config, sync: httpx.Client | None, async_: httpx.AsyncClient | None) -> None:
        self.config = config
        self._client = sync
        self._owns_client = sync is None
        self._injected_async_client = async_
        # Weak keys: a loop nobody runs any more drops out of the table.
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopPool] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()  # loops in other threads share the table
        # What a forked child must never touch and never close: the parent's connections.
        self._from_parent: list[object] = []
        _EVERY.add(self)

    def inherited(self) -> None:
        """In a forked child: fresh pools, so no reply meant for the parent is read here. The
        parent's are kept unclosed and unused: closing them could block on a lock held at the fork."""
        self._lock = threading.Lock()
        if self._owns_client:
            self._from_parent.append(self._client)
            self._client = None
        self._from_parent.append(self._by_loop)
        self._by_loop = weakref.WeakKeyDictionary()

    def _new(self, kind: type[C]) -> C:
        config = self.config
        try:
            return kind(
                timeout=config.timeout,
                limits=config.limits,
                cookies=_no_cookies(),
                trust_env=config.trust_env,
                verify=config.verify,
                proxy=config.proxy,
            )
        except (ImportError, ValueError, OSError) as exc:  # what httpx raises for a broken setting
            error = _environment_error(exc)
        raise error

    def sync_client(self) -> httpx.Client:
        # After close(), a client of ours is made anew on the next call, as the async side does.
        if self._client is None or (self._owns_client and self._client.is_closed):
            with self._lock:
                if self._client is None or (self._owns_client and self._client.is_closed):
                    self._client = self._new(httpx.Client)
        return self._client

    async def async_client(self) -> httpx.AsyncClient:
        """The pool of the running event loop."""
        import asyncio  # async callers have it already

        if self._injected_async_client is not None:
            return self._injected_async_client
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._by_loop.get(loop)
            if pool is not None:
                return pool.client
            self._drop_closed_loops()
            pool = self._by_loop[loop] = _LoopPool(self._new(httpx.AsyncClient))
            finaliser = pool.finaliser = _closed_with_the_loop(pool, self._forget)
        await anext(finaliser)  # runs to its yield at once, registering it with this loop
        return pool.client

    def _forget(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            self._by_loop.pop(loop, None)

    def _drop_closed_loops(self) -> None:
        """Pools of loops closed with ``loop.close()`` alone, which never finalised them: dropped, so
        the garbage collector closes their sockets. Called with the lock held."""
        for loop in [loop for loop in self._by_loop if loop.is_closed()]:
            pool = self._by_loop.pop(loop)
            pool.abandoned = True
            if pool.finaliser is not None:  # finished here, or the dead loop's hook would be asked to
                with suppress(StopIteration, StopAsyncIteration):
                    pool.finaliser.aclose().send(None)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        with self._lock:
            self._drop_closed_loops()

    def close_owned(self) -> None:
        """For a ``Client`` that was dropped unclosed: close the sync pool we made (its sockets would
        otherwise each raise a ResourceWarning when collected), never an injected one."""
        if self._owns_client and self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        """Close the async pool of the running event loop (pools of other loops close with them)."""
        import asyncio  # async callers have it already

        if self._injected_async_client is not None:
            await self._injected_async_client.aclose()
            return
        with self._lock:
            pool = self._by_loop.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.client.aclose()
