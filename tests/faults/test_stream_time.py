"""Streams on real sockets: bounded waits for events while pings keep the connection alive, close()
from another thread or task, a stop that cannot hold the caller, a stream whose event loop ended,
and the SSE quirks (BOM, media type case, a non-string event name). Bytes are Dify 1.14.2's own."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dify_oapi import (
    APIConnectionError,
    Client,
    FirstEventTimeoutError,
    RequestOption,
    ResponseValidationError,
    StreamIdleTimeoutError,
)
from dify_oapi.api.chatflow.v1.model import ChatflowEvent, MessageEndEvent, MessageEvent
from tests.conftest import fixture_bytes
from tests.faults.conftest import chat, stream_into
from tests.faults.scripted_stream import Hold, Loopback, Pings, Step

REJECTED = fixture_bytes("real_47_unknown_conversation_streaming.sse")  # one ping, then silence
SLOW = fixture_bytes("real_56_slow_run.sse")
# The slow run up to the HTTP node (its answer's first words), then the ping Dify sent after 10 s.
RUNNING = SLOW[: SLOW.index(b"event: ping", 1)]
FINISHED = SLOW[len(RUNNING) :]
STARTED = RUNNING.count(b"data: ")
PINGING = Pings(every=0.05, lasting=8.0)


@pytest.fixture
def option() -> RequestOption:
    return RequestOption.builder().api_key("app-loopback").build()


@pytest.fixture
def served(request: pytest.FixtureRequest) -> Iterator[Loopback]:
    script, settings = request.param
    with Loopback(script, **settings) as running:
        yield running


def client_for(server: Loopback, **settings: Any) -> Client:
    builder = Client.builder().domain(server.url).timeout(httpx.Timeout(5.0, read=3.0))
    for name, value in settings.items():
        builder = getattr(builder, name)(value)
    return builder.build()


def scripted(*script: Step, **settings: Any) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("served", [(list(script), settings)], indirect=True)


@scripted(REJECTED, Hold(8.0))
def test_one_ping_and_silence_raises_first_event_timeout_with_the_helpful_message(
    served: Loopback, option: RequestOption, mode: str
) -> None:
    with (
        client_for(served, first_event_timeout=0.3) as client,
        pytest.raises(FirstEventTimeoutError) as raised,
    ):
        stream_into(mode, client, option, [])
    assert "blocking mode" in str(raised.value) and "ping" in str(raised.value)
    assert raised.value.url == "/v1/chat-messages"


@scripted(PINGING)
def test_pings_alone_raise_first_event_timeout_set_per_request(served: Loopback, mode: str) -> None:
    option = RequestOption.builder().api_key("app-loopback").first_event_timeout(0.3).build()
    with client_for(served) as client, pytest.raises(FirstEventTimeoutError):
        stream_into(mode, client, option, [])


@scripted(RUNNING, PINGING)
def test_pings_between_events_raise_idle_timeout_after_the_events(
    served: Loopback, option: RequestOption, mode: str
) -> None:
    events: list[ChatflowEvent] = []
    with client_for(served, stream_idle_timeout=0.3) as client, pytest.raises(StreamIdleTimeoutError):
        stream_into(mode, client, option, events)
    assert len(events) == STARTED
    assert "".join(e.answer for e in events if isinstance(e, MessageEvent)).startswith("Working on")


@scripted(RUNNING, FINISHED)
def test_time_the_caller_holds_an_event_does_not_count(served: Loopback, option: RequestOption) -> None:
    client = client_for(served, first_event_timeout=0.2, stream_idle_timeout=0.2)
    with client, client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream:
        events = []
        for event in stream:
            events.append(event)
            if len(events) == 1:
                time.sleep(0.6)  # the caller is slow; Dify is not
    assert stream.complete and isinstance(events[-2], MessageEndEvent)


@scripted(RUNNING, PINGING)
def test_close_from_another_thread_stops_a_stream_that_pings_keep_alive(
    served: Loopback, option: RequestOption
) -> None:
    with client_for(served) as client:
        stream = client.chatflow.v1.chatflow.send_chat_message(chat(), option, True)
        started, outcome = threading.Event(), []

        def read() -> None:
            try:
                for _ in stream:
                    started.set()
                outcome.append("ended")
            except Exception as exc:
                outcome.append(repr(exc))

        reader = threading.Thread(target=read)
        reader.start()
        assert started.wait(5)
        time.sleep(0.2)  # the reader is now blocked in a read that pings keep alive
        stream.close()
        reader.join(5)
        assert not reader.is_alive() and outcome == ["ended"]
        assert not stream.complete


@scripted(RUNNING, PINGING)
def test_aclose_from_another_task_stops_a_stream_that_pings_keep_alive(
    served: Loopback, option: RequestOption
) -> None:
    async def main() -> list[ChatflowEvent]:
        async with client_for(served) as client:
            stream = await client.chatflow.v1.chatflow.asend_chat_message(chat(), option, True)
            events: list[ChatflowEvent] = []

            async def read() -> None:
                async for event in stream:
                    events.append(event)

            reader = asyncio.ensure_future(read())
            while len(events) < STARTED:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.2)
            await stream.aclose()
            await asyncio.wait_for(reader, 5)
            return events

    assert len(asyncio.run(main())) == STARTED


@scripted(RUNNING, PINGING, stop_hangs=True)
def test_stop_on_close_sends_one_stop_and_gives_up_on_a_hung_stop_endpoint(
    served: Loopback, option: RequestOption, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(served)
    caplog.set_level(logging.WARNING, logger="dify_oapi")
    with (
        client,
        client.chatflow.v1.chatflow.send_chat_message(chat(), option, True, stop_on_close=True) as stream,
    ):
        for _ in stream:
            break
    assert served.stops == 1
    assert any("could not stop task" in r.getMessage() for r in caplog.records)


@scripted(RUNNING, PINGING, stop_hangs=True)
def test_async_stop_on_close_sends_one_stop_when_a_timeout_cancels_the_reader(
    served: Loopback, option: RequestOption
) -> None:
    async def read(client: Client) -> None:
        stream = await client.chatflow.v1.chatflow.asend_chat_message(
            chat(), option, True, stop_on_close=True
        )
        async with stream:
            async for _ in stream:
                pass

    async def main() -> None:
        async with client_for(served) as client:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(read(client), 0.5)

    asyncio.run(main())
    assert served.stops == 1


@pytest.mark.parametrize("read_first", [0, 1])
@scripted(SLOW)
def test_an_async_stream_whose_event_loop_ended_raises_instead_of_ending_empty(
    read_first: int, served: Loopback, option: RequestOption
) -> None:
    client = client_for(served)

    async def open_stream() -> Any:
        stream = await client.chatflow.v1.chatflow.asend_chat_message(chat(), option, True)
        for _ in range(read_first):
            await stream.__anext__()
        return stream

    stream = asyncio.run(open_stream())

    async def read_rest() -> list[ChatflowEvent]:
        return [event async for event in stream]

    with pytest.raises(APIConnectionError, match="event loop"):
        asyncio.run(read_rest())
    client.close()


@pytest.mark.parametrize(
    ("served", "count"),
    [
        (([b"\xef\xbb", b"\xbf" + SLOW[len(b"event: ping\n\n") :]], {}), SLOW.count(b"data: ")),
        (([SLOW], {"content_type": "Text/Event-Stream; Charset=UTF-8"}), SLOW.count(b"data: ")),
        (([b'data: {"event":["message"],"task_id":"t"}\n\n'], {}), -1),
    ],
    indirect=["served"],
    ids=["bom", "media-type-case", "event-not-a-string"],
)
def test_sse_quirks_on_a_real_socket(served: Loopback, count: int, option: RequestOption, mode: str) -> None:
    events: list[ChatflowEvent] = []
    with client_for(served) as client:
        if count < 0:
            with pytest.raises(ResponseValidationError):
                stream_into(mode, client, option, events)
        else:
            stream_into(mode, client, option, events)
            assert len(events) == count and events[0].event == "workflow_started"
