"""One way to call every API, sync or async, so a live scenario is written once and runs both ways.

A scenario calls ``d.call("get_conversations", request)``; the sync driver sends it through
``client.chatflow.v1.conversation.get_conversations``, the async one through ``aget_conversations``
on an event loop of its own. Errors surface as the same exceptions either way.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Coroutine
from typing import Any, TypeVar

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.events import ChatflowEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.core.model import Request

T = TypeVar("T")


class Driver:
    """The sync twin of every API; ``AsyncDriver`` sends the same requests through the async ones."""

    mode = "sync"

    def __init__(self, client: Client, key: str) -> None:
        self.client = client
        self.option = RequestOption.builder().api_key(key).build()

    def using(self, key: str) -> Driver:
        """The same client and mode with another app's key."""
        other = copy.copy(self)
        other.option = RequestOption.builder().api_key(key).build()
        return other

    def _api(self, name: str) -> Any:
        v1 = self.client.chatflow.v1
        resource = next(r for r in (v1.chatflow, v1.conversation, v1.annotation, v1.file) if hasattr(r, name))
        return getattr(resource, name)

    def call(self, name: str, request: Request) -> Any:
        """``name(request, option)``: one request, its parsed response."""
        return self._api(name)(request, self.option)

    def collect(self, name: str, request: Request) -> list[Any]:
        """Every item an ``iter_*`` pager yields, page after page."""
        return list(self._api(name)(request, self.option))

    def stream(self, request: SendChatMessageRequest) -> list[ChatflowEvent]:
        """A streamed chat read to its end."""
        with self.client.chatflow.v1.chatflow.send_chat_message(request, self.option, True) as events:
            return list(events)

    def close(self) -> None:
        self.client.close()


class AsyncDriver(Driver):
    mode = "async"

    def __init__(self, client: Client, key: str) -> None:
        super().__init__(client, key)
        self.loop = asyncio.new_event_loop()

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    def call(self, name: str, request: Request) -> Any:
        return self._run(self._api("a" + name)(request, self.option))

    def collect(self, name: str, request: Request) -> list[Any]:
        async def gather() -> list[Any]:
            return [item async for item in self._api("a" + name)(request, self.option)]

        return self._run(gather())

    def stream(self, request: SendChatMessageRequest) -> list[ChatflowEvent]:
        async def read() -> list[ChatflowEvent]:
            chatflow = self.client.chatflow.v1.chatflow
            async with await chatflow.asend_chat_message(request, self.option, True) as events:
                return [event async for event in events]

        return self._run(read())

    def close(self) -> None:
        self._run(self.client.aclose())
        self._run(self.loop.shutdown_asyncgens())
        self.loop.close()
        super().close()
