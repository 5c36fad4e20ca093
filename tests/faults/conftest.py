"""The fault suite's shared pieces: a simulator on a loopback port, clients against it, and helpers
that run a call or a whole stream in the `mode` under test (sync or async)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model import ChatflowEvent
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.testing.simulator import Simulator
from dify_oapi.testing.sse import encode_event
from tests import helpers
from tests.helpers import Driver

MARKER = "FAULT-MARKER-7c1d"
KEY = f"app-{MARKER}"
USER = "fault-user"
CHAT = "/v1/chat-messages"
CONVERSATIONS = "/v1/conversations"
COMMON = {"conversation_id": "c-1", "message_id": "m-1", "created_at": 1, "task_id": "t-1"}


def event(name: str, **fields: Any) -> bytes:
    """One Dify frame with the keys every chat event carries."""
    return encode_event({"event": name, **COMMON, **fields})


MESSAGE = event("message", id="m-1", answer="半")
MESSAGE_END = event("message_end", id="m-1", metadata={})
ERROR_EVENT = encode_event({"event": "error", "code": "invalid_param", "status": 400, "message": "boom"})
# Dify's own JSON refusals: it did no work, so any request may be sent again.
DOWN = {"code": "unavailable", "message": "Service Unavailable", "status": 503}
BUSY = {"code": "too_many_requests", "message": "Too many requests. Please try again later.", "status": 429}
ANNOTATIONS = "/v1/apps/annotations"


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(api_key=KEY) as running:
        yield running


@pytest.fixture
def option() -> RequestOption:
    return RequestOption.builder().api_key(KEY).build()


_made: list[Client] = []


def make_client(sim: Simulator, **settings: Any) -> Client:
    """A client for `sim`, closed after the test; `settings` are builder calls, e.g. ``max_retries=0``."""
    builder = Client.builder().domain(sim.url + "/v1").timeout(httpx.Timeout(5.0, read=2.0))
    for name, value in settings.items():
        builder = getattr(builder, name)(value)
    _made.append(builder.build())
    return _made[-1]


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _made:
        _made.pop().close()


def settled(sim: Simulator, at_most: int, timeout: float = 3.0) -> int:
    """Connections the server still holds once it had `timeout` seconds to see them go."""
    deadline = time.monotonic() + timeout
    while sim.open_connections > at_most and time.monotonic() < deadline:
        time.sleep(0.02)
    return sim.open_connections


@pytest.fixture
def client(sim: Simulator) -> Iterator[Client]:
    with make_client(sim) as made:
        yield made


def retries(n: int) -> RequestOption:
    return RequestOption.builder().api_key(KEY).max_retries(n).build()


def chat(query: str = "hi") -> SendChatMessageRequest:
    return helpers.chat(query, USER)


def conversations() -> GetConversationsRequest:
    return GetConversationsRequest.builder().user(USER).build()


def stream_into(
    mode: str,
    client: Client,
    option: RequestOption,
    into: list[ChatflowEvent],
    request: SendChatMessageRequest | None = None,
) -> None:
    """Read a whole chat stream into `into`; an exception propagates after the events before it."""
    Driver(mode).stream(client.chatflow.v1.chatflow, request or chat(), option, into)
