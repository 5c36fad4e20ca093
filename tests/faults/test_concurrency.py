"""One Client shared by threads and by hundreds of concurrent async streams, and reused across
event loops. Each load test records its wall time, errors and the connections the server still
holds (``record_property``; see them with ``--junitxml``)."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from dify_oapi import DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model import MessageEndEvent
from dify_oapi.testing.simulator import Simulator
from tests.faults.conftest import chat, conversations, make_client, settled

THREADS = 8
ROUNDS = 5  # per thread: a stream, a blocking chat and a list call each round
STREAMS = 500


def test_one_client_shared_by_8_threads(
    sim: Simulator, option: RequestOption, record_property: Callable[[str, object], None]
) -> None:
    client = make_client(sim)
    chatflow, errors, finished = client.chatflow.v1.chatflow, list[BaseException](), list[int]()
    lock = threading.Lock()

    def work() -> None:
        try:
            for _ in range(ROUNDS):
                with chatflow.send_chat_message(chat("thread"), option, True) as stream:
                    assert any(isinstance(event, MessageEndEvent) for event in stream)
                assert chatflow.send_chat_message(chat("blocking"), option).answer
                client.chatflow.v1.conversation.get_conversations(conversations(), option)
            with lock:
                finished.append(1)
        except (DifyError, AssertionError) as error:
            with lock:
                errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    wall = time.perf_counter() - started
    pooled = sim.open_connections
    client.close()
    left = settled(sim, 0)
    record_property("threads_wall_seconds", round(wall, 3))
    record_property("threads_errors", len(errors))
    record_property("threads_connections_pooled_then_left", f"{pooled} -> {left}")
    assert errors == [] and len(finished) == THREADS
    assert sim.count("POST", "/v1/chat-messages") == THREADS * ROUNDS * 2
    assert pooled <= THREADS and left == 0
    assert wall < 30


def test_500_concurrent_async_streams(
    sim: Simulator, option: RequestOption, record_property: Callable[[str, object], None]
) -> None:
    # 500 streams on a simulator sharing two cores: the read limit is about load, not about faults.
    client = make_client(sim, timeout=httpx.Timeout(5.0, read=30.0))
    chatflow = client.chatflow.v1.chatflow

    async def one() -> int:
        async with await chatflow.asend_chat_message(chat("load"), option, True) as stream:
            count = 0
            async for _ in stream:
                count += 1
            assert stream.complete
            return count

    async def run() -> tuple[list[int | BaseException], float, int]:
        started = time.perf_counter()
        results = await asyncio.gather(*(one() for _ in range(STREAMS)), return_exceptions=True)
        wall = time.perf_counter() - started
        pooled = sim.open_connections
        await client.aclose()
        return results, wall, pooled

    results, wall, pooled = asyncio.run(run())
    errors = [result for result in results if isinstance(result, BaseException)]
    left = settled(sim, 0)
    record_property("streams", STREAMS)
    record_property("streams_wall_seconds", round(wall, 3))
    record_property("streams_errors", len(errors))
    record_property("streams_connections_pooled_then_left", f"{pooled} -> {left}")
    assert errors == [] and all(count >= 10 for count in results if isinstance(count, int))
    assert sim.count("POST", "/v1/chat-messages") == STREAMS
    assert left == 0
    assert wall < 60


def test_two_asyncio_runs_in_a_row_on_one_client(sim: Simulator, option: RequestOption) -> None:
    client = make_client(sim)
    chatflow = client.chatflow.v1.chatflow

    async def use() -> str:
        async with await chatflow.asend_chat_message(chat(), option, True) as stream:
            assert [event async for event in stream] and stream.complete
        return (await chatflow.asend_chat_message(chat(), option)).answer

    assert asyncio.run(use()) and asyncio.run(use()) and asyncio.run(use())


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the interpreter reports as 'Exception ignored in ...' (e.g. from finalizers)."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(repr(u.exc_value)))
    yield seen


def test_aclose_in_a_later_event_loop(sim: Simulator, option: RequestOption, unraisable: list[str]) -> None:
    client = make_client(sim)

    async def use() -> None:
        await client.chatflow.v1.chatflow.asend_chat_message(chat(), option)

    asyncio.run(use())
    asyncio.run(use())
    asyncio.run(client.aclose())  # its pool closed with its own loop: nothing to await on a dead loop
    gc.collect()
    assert unraisable == []


def test_no_connection_outlives_its_event_loop(sim: Simulator, option: RequestOption) -> None:
    client = make_client(sim)

    async def use() -> None:
        await asyncio.gather(
            *(client.chatflow.v1.chatflow.asend_chat_message(chat(), option) for _ in range(20))
        )

    asyncio.run(use())
    assert settled(sim, 0, timeout=1.0) == 0  # each loop closed its own pool on the way out
    asyncio.run(use())
    assert settled(sim, 0, timeout=1.0) == 0


def test_threads_each_running_their_own_event_loop_share_one_client(
    sim: Simulator, option: RequestOption
) -> None:
    client = make_client(sim)
    errors: list[BaseException] = []
    completed: list[bool] = []

    async def chats() -> None:
        for _ in range(3):
            try:
                async with await client.chatflow.v1.chatflow.asend_chat_message(
                    chat(), option, True
                ) as stream:
                    async for _event in stream:
                        pass
                    completed.append(stream.complete)
            except DifyError as error:
                errors.append(error)

    async def tasks() -> None:
        await asyncio.gather(*(chats() for _ in range(4)))

    threads = [threading.Thread(target=asyncio.run, args=(tasks(),)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == [] and completed == [True] * 36
    assert settled(sim, 0) == 0  # every loop closed its own pool on the way out
