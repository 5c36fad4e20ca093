"""Leaving a stream early always hangs up: break, close(), garbage collection, task cancellation.
With ``stop_on_close=True`` the run is also stopped on Dify, once, with the stream's task id."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from dify_oapi import Client, IncompleteStreamError, RequestOption, StreamEventError
from dify_oapi.api.chatflow.v1.model import ChatflowEvent, WorkflowStartedEvent
from dify_oapi.testing.simulator import Fault, Simulator
from tests.faults.conftest import CHAT, ERROR_EVENT, KEY, MESSAGE, USER, chat, make_client
from tests.helpers import Driver

LONG = chat("long " * 100)  # ~110 answer chunks, 50 ms apart: the run outlasts every test here


@pytest.fixture
def slow() -> Iterator[Simulator]:
    with Simulator(api_key=KEY, chunk_delay=0.05) as running:
        yield running


@pytest.fixture
def slow_client(slow: Simulator) -> Iterator[Client]:
    with make_client(slow) as made:
        yield made


def stops(sim: Simulator) -> list[str]:
    """Task ids of the stop requests the server received."""
    return [r.path.split("/")[3] for r in sim.requests if r.method == "POST" and r.path.endswith("/stop")]


def first_task_id(events: list[ChatflowEvent]) -> str:
    first = events[0]
    assert isinstance(first, WorkflowStartedEvent)  # a chatflow run opens with it
    return first.task_id


def test_break_hangs_up(slow: Simulator, slow_client: Client, option: RequestOption, drive: Driver) -> None:
    drive.stream(slow_client.chatflow.v1.chatflow, LONG, option, limit=1)
    assert slow.wait_for_disconnects(1) and stops(slow) == []


def test_close_hangs_up_and_may_be_repeated(
    slow: Simulator, slow_client: Client, option: RequestOption, drive: Driver
) -> None:
    stream = drive.open(slow_client.chatflow.v1.chatflow, LONG, option)
    stream.next()
    stream.close()
    stream.close()
    assert slow.wait_for_disconnects(1)


@pytest.mark.parametrize("started", [False, True], ids=["unstarted", "started"])
def test_dropping_the_last_reference_hangs_up(
    started: bool, slow: Simulator, slow_client: Client, option: RequestOption, drive: Driver
) -> None:
    stream = drive.open(slow_client.chatflow.v1.chatflow, LONG, option)
    if started:
        stream.next()
    stream.drop()
    assert slow.wait_for_disconnects(1)


@pytest.mark.parametrize("stop_on_close", [False, True])
def test_cancelling_the_task_hangs_up(
    stop_on_close: bool, slow: Simulator, slow_client: Client, option: RequestOption
) -> None:
    chatflow = slow_client.chatflow.v1.chatflow
    seen: list[ChatflowEvent] = []

    async def consume() -> None:
        async with await chatflow.asend_chat_message(LONG, option, True, stop_on_close=stop_on_close) as s:
            async for item in s:
                seen.append(item)

    async def run() -> None:
        task = asyncio.create_task(consume())
        while len(seen) < 5:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run())
    assert slow.wait_for_disconnects(1)
    assert stops(slow) == ([first_task_id(seen)] if stop_on_close else [])


def test_a_timeout_around_the_loop_hangs_up(
    slow: Simulator, slow_client: Client, option: RequestOption
) -> None:
    async def read_all() -> None:
        async with await slow_client.chatflow.v1.chatflow.asend_chat_message(LONG, option, True) as stream:
            async for _ in stream:
                pass

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(read_all(), 0.3))
    assert slow.wait_for_disconnects(1)


def test_stop_on_close_stops_the_task_once(
    slow: Simulator, slow_client: Client, option: RequestOption, drive: Driver
) -> None:
    stream = drive.open(slow_client.chatflow.v1.chatflow, LONG, option, stop_on_close=True)
    seen: list[ChatflowEvent] = [stream.next()]
    stream.close()
    stream.close()
    assert slow.wait_for_disconnects(1)
    assert stops(slow) == [first_task_id(seen)]
    stop = next(r for r in slow.requests if r.path.endswith("/stop"))
    assert stop.json == {"user": USER}


def test_stop_on_close_when_the_loop_body_raises(
    slow: Simulator, slow_client: Client, option: RequestOption
) -> None:
    seen: list[ChatflowEvent] = []
    with (
        pytest.raises(KeyError),
        slow_client.chatflow.v1.chatflow.send_chat_message(LONG, option, True, stop_on_close=True) as stream,
    ):
        for item in stream:
            seen.append(item)
            raise KeyError("the caller's own bug")
    assert stops(slow) == [first_task_id(seen)]


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (None, None),
        (Fault.stream([MESSAGE, ERROR_EVENT], "end"), StreamEventError),
        (Fault.stream([MESSAGE], "end"), IncompleteStreamError),
    ],
    ids=["complete", "error-event", "ended-by-the-server"],
)
def test_stop_on_close_leaves_finished_runs_alone(
    fault: Fault | None, error: type[Exception] | None, sim: Simulator, option: RequestOption, drive: Driver
) -> None:
    chatflow = make_client(sim).chatflow.v1.chatflow
    if fault is not None:
        sim.inject("POST", CHAT, fault)
    if error is None:
        drive.stream(chatflow, chat(), option, stop_on_close=True)
    else:
        with pytest.raises(error):
            drive.stream(chatflow, chat(), option, stop_on_close=True)
    assert stops(sim) == []  # Dify already ended these runs: nothing to stop
