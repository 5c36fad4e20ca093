"""What the suites share: a chat request, and one driver that runs a scenario sync or async.

A test written once against ``Driver`` runs through ``send_chat_message`` / ``iter_*`` / ``api()``
or through ``asend_chat_message`` / ``aiter_*`` / ``aapi()`` with the same calls; the ``drive``
fixture (tests/conftest.py) hands it one of each, like ``mode``.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
from collections.abc import AsyncIterator, Coroutine, Iterable, Iterator
from itertools import islice
from typing import Any, Literal, TypeVar

from dify_oapi import AsyncStream, RequestOption, Stream
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.types import ResponseMode
from dify_oapi.api.chatflow.v1.resource.chatflow import Chatflow
from dify_oapi.core.model import Request

T = TypeVar("T")
Mode = Literal["sync", "async"]


def chat(
    query: str,
    user: str,
    conversation_id: str | None = None,
    response_mode: ResponseMode | None = None,
) -> SendChatMessageRequest:
    body = SendChatMessageRequestBody.builder().query(query).user(user)
    if conversation_id:
        body.conversation_id(conversation_id)
    if response_mode is not None:
        body.response_mode(response_mode)
    return SendChatMessageRequest.builder().request_body(body.build()).build()


class Driver:
    """One scenario, through the sync API or the async one. Each method is one whole step (a call, a
    walk over pages, a stream read) and runs in its own event loop, as ``asyncio.run`` would; only an
    ``open()`` stream keeps one loop for all its steps, as the code holding it would."""

    def __init__(self, mode: str) -> None:
        if mode not in ("sync", "async"):
            raise ValueError(f"mode is 'sync' or 'async', not {mode!r}")
        self.mode = mode
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def sync(self) -> bool:
        return self.mode == "sync"

    def call(self, resource: Any, api: str, *args: Any, **kwargs: Any) -> Any:
        """``resource.<api>(...)``, or ``resource.a<api>(...)`` run to completion."""
        if self.sync:
            return getattr(resource, api)(*args, **kwargs)
        result = getattr(resource, "a" + api)(*args, **kwargs)
        return asyncio.run(result) if inspect.iscoroutine(result) else result

    def walk(
        self, resource: Any, name: str, request: Request, option: RequestOption, n: int | None = None
    ) -> list[Any]:
        """The first ``n`` items (all when None) of ``iter_<name>`` or ``aiter_<name>``."""
        if self.sync:
            return list(islice(getattr(resource, "iter_" + name)(request, option), n))

        async def collect() -> list[Any]:
            items: list[Any] = []
            async for item in getattr(resource, "aiter_" + name)(request, option):
                items.append(item)
                if len(items) == n:
                    break
            return items

        return asyncio.run(collect())

    def stream(
        self,
        chatflow: Chatflow,
        request: SendChatMessageRequest,
        option: RequestOption,
        into: list[Any] | None = None,
        *,
        text: bool = False,
        stop_on_close: bool = False,
        limit: int | None = None,
    ) -> list[Any]:
        """Read a chat stream inside its ``with`` block: every event (or with ``text`` every answer
        delta), or the first ``limit`` and then break. Items land in ``into`` as they arrive, so a test
        sees what came before an exception."""
        into = [] if into is None else into
        if self.sync:
            with chatflow.send_chat_message(request, option, True, stop_on_close=stop_on_close) as stream:
                into.extend(islice(stream.text() if text else stream, limit))
            return into

        async def read() -> None:
            stream = await chatflow.asend_chat_message(request, option, True, stop_on_close=stop_on_close)
            async with stream:
                async for item in stream.text() if text else stream:
                    into.append(item)
                    if len(into) == limit:
                        break

        asyncio.run(read())
        return into

    def open(
        self,
        chatflow: Chatflow,
        request: SendChatMessageRequest,
        option: RequestOption,
        *,
        stop_on_close: bool = False,
    ) -> Opened:
        """A stream held open outside any ``with``, to step through by hand."""
        if self.sync:
            return Opened(
                self, chatflow.send_chat_message(request, option, True, stop_on_close=stop_on_close)
            )
        opening = chatflow.asend_chat_message(request, option, True, stop_on_close=stop_on_close)
        return Opened(self, self.run(opening))

    def body(self, chunks: Iterable[bytes]) -> Iterator[bytes] | AsyncIterator[bytes]:
        """A response body of ``chunks`` that this mode's httpx client can read (respx, MockTransport)."""
        if self.sync:
            return iter(chunks)

        async def chunked() -> AsyncIterator[bytes]:
            for chunk in chunks:
                yield chunk

        return chunked()

    def run(self, step: Coroutine[Any, Any, T]) -> T:
        """Run one step on the loop an opened stream lives on."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(step)

    def close(self) -> None:
        if self._loop is not None:
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()
            self._loop = None


class Opened:
    """A stream from ``Driver.open``: ``next()``, ``close()`` and ``drop()`` in either mode."""

    def __init__(self, driver: Driver, stream: Stream[Any] | AsyncStream[Any]) -> None:
        self._driver = driver
        self._stream: Stream[Any] | AsyncStream[Any] | None = stream

    def _held(self) -> Stream[Any] | AsyncStream[Any]:
        if self._stream is None:
            raise RuntimeError("the stream was dropped")
        return self._stream

    def next(self) -> Any:
        stream = self._held()
        return next(stream) if isinstance(stream, Stream) else self._driver.run(stream.__anext__())

    def close(self) -> None:
        stream = self._held()
        if isinstance(stream, Stream):
            stream.close()
        else:
            self._driver.run(stream.aclose())

    def drop(self) -> None:
        """Let go of the last reference without closing: the stream must hang up on its own."""
        if self._driver.sync:
            self._stream = None
            gc.collect()
            return

        async def let_go() -> None:
            self._stream = None
            gc.collect()
            await asyncio.sleep(0.1)  # the close it scheduled on this loop runs

        self._driver.run(let_go())
