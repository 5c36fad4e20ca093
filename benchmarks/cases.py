"""Each case twice: through dify_oapi ("ours") and as a user would hand-write it with raw httpx ("floor").

Both sides do the same user-level work per event (keep the answer delta, note the other events) and
the same checks, so the difference between them is what the typed client costs.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from benchmarks.payload import FIRST_CONVERSATION_ID, Expected
from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.events import MessageEvent
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.core.config import DEFAULT_LIMITS, DEFAULT_TIMEOUT

API_KEY = "app-benchmark"
USER = "bench-user"


class CheckFailed(AssertionError):
    pass


@dataclass
class Tally:
    """What a stream delivered. ``keep_text=False`` counts characters only, for the memory case."""

    keep_text: bool = True
    messages: int = 0
    chars: int = 0
    parts: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def add(self, delta: str) -> None:
        self.messages += 1
        self.chars += len(delta)
        if self.keep_text:
            self.parts.append(delta)

    def check(self, expected: Expected, answer: str | None = None) -> None:
        """Raise unless this is exactly the stream the server sent; ``answer`` defaults to ``expected``'s."""
        if self.messages != expected.messages:
            raise CheckFailed(f"{self.messages} message events, expected {expected.messages}")
        if tuple(self.others) != expected.others:
            raise CheckFailed(f"other events {self.others}, expected {list(expected.others)}")
        text = expected.answer() if answer is None else answer
        if self.chars != len(text) or (self.keep_text and "".join(self.parts) != text):
            raise CheckFailed(f"answer of {self.chars} characters differs from the {len(text)} sent")


# -- clients ---------------------------------------------------------------------------------------


def ours_client(url: str) -> Client:
    """What a user writes: the client makes its own pooled httpx clients."""
    return Client.builder().domain(url).build()


def option() -> RequestOption:
    return RequestOption.builder().api_key(API_KEY).build()


def floor_client(url: str) -> httpx.Client:
    # The same timeouts and pool limits as dify_oapi's defaults, so only the code on top differs.
    return httpx.Client(base_url=url, timeout=DEFAULT_TIMEOUT, limits=DEFAULT_LIMITS)


def floor_async_client(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, timeout=DEFAULT_TIMEOUT, limits=DEFAULT_LIMITS)


FLOOR_HEADERS = {"Authorization": f"Bearer {API_KEY}"}


def stream_query(messages: int, packed: bool) -> str:
    """Which pre-rendered body the server streams: one frame per HTTP chunk, or packed in 16 KiB."""
    return f"{'packed' if packed else 'events'}={messages}"


def chat_request(messages: int, packed: bool = False) -> SendChatMessageRequest:
    body = SendChatMessageRequestBody.builder().query(stream_query(messages, packed)).user(USER).build()
    return SendChatMessageRequest.builder().request_body(body).build()


def floor_chat_body(messages: int, packed: bool = False) -> dict[str, Any]:
    return {"inputs": {}, "query": stream_query(messages, packed), "user": USER, "response_mode": "streaming"}


# -- stream ----------------------------------------------------------------------------------------


def ours_stream(
    client: Client, opt: RequestOption, messages: int, keep_text: bool = True, packed: bool = False
) -> Tally:
    tally = Tally(keep_text)
    with client.chatflow.v1.chatflow.send_chat_message(chat_request(messages, packed), opt, True) as stream:
        for event in stream:
            if isinstance(event, MessageEvent):
                tally.add(event.answer)
            else:
                tally.others.append(event.event)
    return tally


def floor_stream(http: httpx.Client, messages: int, keep_text: bool = True, packed: bool = False) -> Tally:
    tally = Tally(keep_text)
    body = floor_chat_body(messages, packed)
    with http.stream("POST", "/v1/chat-messages", json=body, headers=FLOOR_HEADERS) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event["event"] == "message":
                    tally.add(event["answer"])
                else:
                    tally.others.append(event["event"])
    return tally


# -- astream ---------------------------------------------------------------------------------------


async def ours_astream(client: Client, opt: RequestOption, messages: int, packed: bool = False) -> Tally:
    tally = Tally()
    stream = await client.chatflow.v1.chatflow.asend_chat_message(chat_request(messages, packed), opt, True)
    async with stream:
        async for event in stream:
            if isinstance(event, MessageEvent):
                tally.add(event.answer)
            else:
                tally.others.append(event.event)
    return tally


async def floor_astream(http: httpx.AsyncClient, messages: int, packed: bool = False) -> Tally:
    tally = Tally()
    body = floor_chat_body(messages, packed)
    async with http.stream("POST", "/v1/chat-messages", json=body, headers=FLOOR_HEADERS) as response:
        response.raise_for_status()
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event["event"] == "message":
                    tally.add(event["answer"])
                else:
                    tally.others.append(event["event"])
    return tally


# -- concurrency -----------------------------------------------------------------------------------


# Each run opens a new client and closes it: httpcore's pool does quadratic work when it already
# holds idle connections at the start of a burst, so a reused pool would make the order of runs,
# not the code under test, decide the result.


async def ours_concurrent(url: str, opt: RequestOption, streams: int, messages: int) -> list[Any]:
    async with ours_client(url) as client:
        calls = (ours_astream(client, opt, messages) for _ in range(streams))
        return await asyncio.gather(*calls, return_exceptions=True)


async def floor_concurrent(url: str, streams: int, messages: int) -> list[Any]:
    async with floor_async_client(url) as http:
        calls = (floor_astream(http, messages) for _ in range(streams))
        return await asyncio.gather(*calls, return_exceptions=True)


def check_concurrent(results: list[Any], expected: Expected) -> None:
    errors = [r for r in results if isinstance(r, BaseException)]
    if errors:
        raise CheckFailed(f"{len(errors)} of {len(results)} streams failed, first: {errors[0]!r}")
    answer = expected.answer()
    for tally in results:
        tally.check(expected, answer)


# -- call ------------------------------------------------------------------------------------------


def ours_calls(client: Client, opt: RequestOption, calls: int) -> int:
    """Build, send and parse ``calls`` list requests; returns how many came back right."""
    conversation = client.chatflow.v1.conversation
    right = 0
    for _ in range(calls):
        request = GetConversationsRequest.builder().user(USER).limit(20).build()
        page = conversation.get_conversations(request, opt)
        right += page.data[0].id == FIRST_CONVERSATION_ID
    return right


def floor_calls(http: httpx.Client, calls: int) -> int:
    right = 0
    for _ in range(calls):
        response = http.get("/v1/conversations", params={"user": USER, "limit": 20}, headers=FLOOR_HEADERS)
        response.raise_for_status()
        page = json.loads(response.content)
        right += page["data"][0]["id"] == FIRST_CONVERSATION_ID
    return right


def check_calls(right: int, calls: int) -> None:
    if right != calls:
        raise CheckFailed(f"{calls - right} of {calls} calls came back wrong")
