"""``resume=True`` where reattaching cannot help or must stop: a cut before the run has an id, an
events endpoint that keeps dropping, and a close() from another thread or task while a reattached
stream is being read."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from dify_oapi import Client, IncompleteStreamError, RequestOption
from dify_oapi.api.chatflow.v1.model import MessageEvent
from dify_oapi.testing.simulator import Fault, Simulator
from dify_oapi.testing.sse import PING
from tests.helpers import chat

CHAT, EVENTS = "/v1/chat-messages", "/v1/workflow/*"
LONG = "A long answer, streamed slowly enough to close it halfway. " * 10


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(chunk_delay=0.05) as running:
        yield running


@pytest.fixture
def client(sim: Simulator) -> Iterator[Client]:
    with Client.builder().domain(sim.url).build() as made:
        yield made


@pytest.fixture
def option(sim: Simulator) -> RequestOption:
    return RequestOption.builder().api_key(sim.api_key).build()


def read(mode: str, client: Client, option: RequestOption, into: list[Any]) -> None:
    chatflow, request = client.chatflow.v1.chatflow, chat("resume me", "fault-user")
    if mode == "sync":
        with chatflow.send_chat_message(request, option, True, resume=True) as stream:
            into.extend(stream)
        return

    async def run() -> None:
        async with await chatflow.asend_chat_message(request, option, True, resume=True) as stream:
            async for event in stream:
                into.append(event)

    asyncio.run(run())


def test_a_cut_before_the_run_has_an_id_raises_as_without_resume(
    sim: Simulator, client: Client, option: RequestOption, mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.stream([PING], then="close"))
    with pytest.raises(IncompleteStreamError):
        read(mode, client, option, [])
    assert sim.count("GET", EVENTS) == 0


def test_an_events_endpoint_that_keeps_dropping_is_given_up_on_after_three_tries(
    sim: Simulator, client: Client, option: RequestOption, mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.cut_after(5))
    sim.inject("GET", EVENTS, Fault.stream([PING], then="close"), times=5)
    events: list[Any] = []
    with pytest.raises(IncompleteStreamError):
        read(mode, client, option, events)
    assert sim.count("GET", EVENTS) == 3 and len(events) == 5


def test_close_from_elsewhere_ends_a_reattached_read(
    sim: Simulator, client: Client, option: RequestOption, mode: str
) -> None:
    sim.script(LONG)
    sim.inject("POST", CHAT, Fault.cut_after(5))
    chatflow, request = client.chatflow.v1.chatflow, chat("close me", "fault-user")
    events: list[Any] = []

    def reattached() -> None:
        while sim.count("GET", EVENTS) == 0:
            time.sleep(0.001)

    if mode == "sync":
        with chatflow.send_chat_message(request, option, True, resume=True) as stream:

            def close_once_reattached() -> None:
                reattached()
                stream.close()

            closer = threading.Thread(target=close_once_reattached)
            closer.start()
            events.extend(stream)
            closer.join()
    else:

        async def run() -> None:
            async with await chatflow.asend_chat_message(request, option, True, resume=True) as stream:

                async def close_once_reattached() -> None:
                    await asyncio.to_thread(reattached)
                    await stream.aclose()

                closing = asyncio.create_task(close_once_reattached())
                events.extend([event async for event in stream])
                await closing

        asyncio.run(run())
    answer = "".join(e.answer for e in events if isinstance(e, MessageEvent))
    assert LONG.startswith(answer) and len(answer) < len(LONG)
