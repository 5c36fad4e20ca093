"""One way to call every API, sync or async, so a live scenario is written once and runs both ways.

A scenario calls ``d.call("get_conversations", request)``; the sync driver sends it through
``client.chatflow.v1.conversation.get_conversations``, the async one through ``aget_conversations``
(``tests.helpers.Driver`` does the running). Errors surface as the same exceptions either way.
"""

from __future__ import annotations

import copy
from typing import Any

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.events import ChatflowEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.core.model import Request
from tests import helpers


class Driver:
    """The sync twin of every API, bound to one client and one app's key; ``AsyncDriver`` sends the
    same requests through the async ones."""

    mode = "sync"

    def __init__(self, client: Client, key: str) -> None:
        self.client = client
        self.option = RequestOption.builder().api_key(key).build()
        self._driver = helpers.Driver(self.mode)

    def using(self, key: str) -> Driver:
        """The same client and mode with another app's key."""
        other = copy.copy(self)
        other.option = RequestOption.builder().api_key(key).build()
        return other

    def _resource(self, name: str) -> Any:
        v1 = self.client.chatflow.v1
        return next(
            r
            for r in (v1.chatflow, v1.conversation, v1.annotation, v1.app, v1.feedback, v1.file)
            if hasattr(r, name)
        )

    def call(self, name: str, request: Request) -> Any:
        """``name(request, option)``: one request, its parsed response."""
        return self._driver.call(self._resource(name), name, request, self.option)

    def collect(self, name: str, request: Request) -> list[Any]:
        """Every item an ``iter_*`` pager yields, page after page."""
        return self._driver.walk(self._resource(name), name.removeprefix("iter_"), request, self.option)

    def stream(self, request: SendChatMessageRequest) -> list[ChatflowEvent]:
        """A streamed chat read to its end."""
        return self._driver.stream(self.client.chatflow.v1.chatflow, request, self.option)

    def close(self) -> None:
        self._driver.close()
        self.client.close()


class AsyncDriver(Driver):
    mode = "async"
