"""Caps against a hostile server: an oversized body or SSE frame raises ResponseTooLargeError early,
with memory bounded by the cap rather than by what the server sends."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator

import pytest

from dify_oapi import Client, RequestOption, ResponseTooLargeError
from dify_oapi.api.chatflow.v1.model import ChatflowEvent, MessageEndEvent
from dify_oapi.testing.simulator import Fault, Simulator
from tests.conftest import call
from tests.faults.conftest import (
    CHAT,
    CONVERSATIONS,
    MESSAGE,
    MESSAGE_END,
    conversations,
    event,
    make_client,
    stream_into,
)

CAP = 256 * 1024
CHUNK = 64 * 1024
HUGE = 1024  # chunks: 64 MiB in all, 256 times the cap


@pytest.fixture
def peak() -> Iterator[Callable[[], int]]:
    """Peak bytes Python allocated (in every thread) while the test ran."""
    tracemalloc.start()
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def capped(sim: Simulator) -> Client:
    return make_client(sim, max_body_bytes=CAP, max_frame_bytes=CAP)


def test_body_over_the_cap_with_content_length_is_refused_unread(
    sim: Simulator, option: RequestOption, mode: str
) -> None:
    sim.inject("GET", CONVERSATIONS, Fault.raw(200, "application/json", b"[" + b" " * (4 * CAP) + b"]"))
    with pytest.raises(ResponseTooLargeError, match=f"exceeds {CAP} bytes"):
        call(mode, capped(sim).chatflow.v1.conversation, "get_conversations", conversations(), option)


def test_endless_chunked_body_stops_at_the_cap(
    sim: Simulator, option: RequestOption, mode: str, peak: Callable[[], int]
) -> None:
    # No Content-Length: 64 MiB sent as chunks, as a hostile or broken server would.
    sim.inject("GET", CONVERSATIONS, Fault.stream([b" " * CHUNK] * HUGE, "end"))
    with pytest.raises(ResponseTooLargeError, match=f"exceeds {CAP} bytes .GET {CONVERSATIONS}"):
        call(mode, capped(sim).chatflow.v1.conversation, "get_conversations", conversations(), option)
    assert sim.wait_for_disconnects(1, timeout=5)  # the client hung up long before the end
    assert peak() < 16 * CAP


def test_endless_sse_line_stops_at_the_frame_cap(
    sim: Simulator, option: RequestOption, mode: str, peak: Callable[[], int]
) -> None:
    sim.inject("POST", CHAT, Fault.stream([MESSAGE, b"data: ", *[b"x" * CHUNK] * HUGE], "end"))
    events: list[ChatflowEvent] = []
    with pytest.raises(ResponseTooLargeError, match=f"exceeds {CAP} bytes"):
        stream_into(mode, capped(sim), option, events)
    assert len(events) == 1  # the complete frame before the oversized one was delivered
    assert sim.wait_for_disconnects(1, timeout=5)
    assert peak() < 16 * CAP


def test_the_frame_cap_is_per_frame_not_per_stream(sim: Simulator, option: RequestOption, mode: str) -> None:
    frames = [MESSAGE] * 2000  # ~250 KiB of events through a 1 KiB frame cap
    sim.inject("POST", CHAT, Fault.stream([*frames, MESSAGE_END], "end"))
    events: list[ChatflowEvent] = []
    stream_into(mode, make_client(sim, max_frame_bytes=1024), option, events)
    assert len(events) == 2001 and isinstance(events[-1], MessageEndEvent)


def test_default_caps_let_a_large_legitimate_message_end_through(
    sim: Simulator, option: RequestOption, mode: str
) -> None:
    # Many citations make message_end big; the 16 MiB default must not fire on 4 MiB of them.
    resources = [{"position": i, "content": "引用" * 1000} for i in range(700)]
    end = event("message_end", id="m-1", metadata={"retriever_resources": resources})
    assert len(end) > 4 * 1024 * 1024
    sim.inject("POST", CHAT, Fault.stream([MESSAGE, end], "end"))
    events: list[ChatflowEvent] = []
    stream_into(mode, make_client(sim), option, events)
    last = events[-1]
    assert isinstance(last, MessageEndEvent) and len(last.metadata.retriever_resources or []) == 700


def test_an_oversized_error_body_is_capped_too(sim: Simulator, option: RequestOption, mode: str) -> None:
    sim.inject("GET", CONVERSATIONS, Fault.raw(502, "text/html", b"<html>" + b" " * (2 * CAP)))
    with pytest.raises(ResponseTooLargeError):
        call(mode, capped(sim).chatflow.v1.conversation, "get_conversations", conversations(), option)
    assert sim.count("GET", CONVERSATIONS) == 1
