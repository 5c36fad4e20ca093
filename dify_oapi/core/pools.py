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
from collections.abc import AsyncGenerator
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


@dataclass(frozen=True)
class _LoopPool:
    client: httpx.AsyncClient
    # Started on the loop that owns `client`, so that loop finalises it: asyncio.run() does so
    # (shutdown_asyncgens) before it closes the loop, while closing the pool still works.
    finaliser: AsyncGenerator[None, None]


async def _closed_with_the_loop(client: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await client.aclose()


class Pools:
    """Made on first use unless injected; an injected client is used as given and closed only on request."""

    def __init__(self, config: Config, sync: httpx.Client | None, async_: httpx.AsyncClient | None) -> None:
        self.config = config
        self._client = sync
        self._owns_client = sync is None
        self._injected_async_client = async_
        # Weak keys: a dead loop drops out of the table.
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopPool] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()  # loops in other threads share the table

    def _new(self, kind: type[C]) -> C:
        config = self.config
        try:
            return kind(
                timeout=config.timeout,
                limits=config.limits,
                cookies=_no_cookies(),
                trust_env=config.trust_env,
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
            if pool is None:
                client = self._new(httpx.AsyncClient)
                pool = self._by_loop[loop] = _LoopPool(client, _closed_with_the_loop(client))
                started = False
            else:
                started = True
        if not started:
            await pool.finaliser.__anext__()  # runs to its yield at once, registering it with this loop
        return pool.client

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
            pool = self._by_loop.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.client.aclose()
