"""Time is bounded: a deadline per call across its retries, and Retry-After values that cannot hang it."""

from __future__ import annotations

import socket
import time

import pytest

from dify_oapi import APITimeoutError, Client, InvalidRequestError, RateLimitError, RequestOption
from dify_oapi.api.chatflow.v1.model import ChatflowEvent
from dify_oapi.testing.simulator import Fault, Simulator
from tests.conftest import call
from tests.faults.conftest import (
    BUSY,
    CHAT,
    CONVERSATIONS,
    DOWN,
    KEY,
    MESSAGE,
    MESSAGE_END,
    chat,
    conversations,
    make_client,
    stream_into,
)
from tests.faults.loopback import serve


def trickle(sock: socket.socket, _request: bytes) -> None:
    """200 and headers at once, then one byte of a body that never ends (until the client hangs up)."""
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(400):  # 20 s at most, so a broken client cannot hang the suite forever
        sock.sendall(b" ")
        time.sleep(0.05)


def silent(sock: socket.socket, _request: bytes) -> None:
    sock.recv(1)  # no answer, until the client hangs up


def option(**settings: object) -> RequestOption:
    builder = RequestOption.builder().api_key(KEY)
    for name, value in settings.items():
        builder = getattr(builder, name)(value)
    return builder.build()


def get(mode: str, client: Client, request_option: RequestOption) -> object:
    return call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), request_option)


def test_a_per_request_deadline_ends_a_trickling_reply(mode: str) -> None:
    with serve(trickle) as (url, _):
        client = Client.builder().domain(url).build()
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match=r"deadline of 0\.5 s passed \(GET /v1/conversations\)"):
            get(mode, client, option(deadline=0.5))
        elapsed = time.monotonic() - started
        client.close()
    assert elapsed < 2.0  # without a deadline: 20 s here, forever against a server that keeps trickling


def test_the_client_deadline_bounds_every_retry_of_a_silent_server(mode: str) -> None:
    with serve(silent) as (url, received):
        client = Client.builder().domain(url).timeout(4.0).deadline(0.5).build()
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="deadline"):
            get(mode, client, option(max_retries=5))
        elapsed = time.monotonic() - started
        client.close()
    assert elapsed < 2.0 and len(received) == 1  # the read timeout was cut to what was left


def test_a_retry_after_past_the_deadline_is_not_waited(sim: Simulator, slept: list[float], mode: str) -> None:
    sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN, {"Retry-After": "30"}))
    client = make_client(sim, deadline=5.0)
    with pytest.raises(Exception, match="503 unavailable") as raised:
        get(mode, client, option(max_retries=2))
    assert slept == [] and getattr(raised.value, "retry_after", None) == 30.0


@pytest.mark.parametrize("value", ["NaN", "nan", "inf", "-inf", "-1", "1e999"])
def test_a_malformed_retry_after_falls_back_to_backoff(
    value: str, sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.status(429, BUSY, {"Retry-After": value}))
    reply = call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), option(max_retries=1))
    assert reply.answer and len(slept) == 1 and 0.375 <= slept[0] <= 0.625


def test_a_retry_after_beyond_the_cap_is_raised_at_once_with_its_value(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.status(429, BUSY, {"Retry-After": "3600"}))
    with pytest.raises(RateLimitError) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), option(max_retries=2))
    assert raised.value.retry_after == 3600.0 and raised.value.retries == 0 and slept == []
    assert sim.count("POST", CHAT) == 1


def test_a_retry_after_within_the_cap_is_on_the_error_it_finally_raises(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.status(429, BUSY, {"Retry-After": "2"}), times=2)
    with pytest.raises(RateLimitError) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), option(max_retries=1))
    assert slept == [2.0] and raised.value.retry_after == 2.0


@pytest.mark.parametrize("value", [0, -1.0, float("nan"), float("inf"), "5"])
def test_an_unusable_deadline_is_refused_at_build(value: object) -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.deadline"):
        option(deadline=value)
    with pytest.raises(InvalidRequestError, match="Client.deadline"):
        Client.builder().deadline(value)  # type: ignore[arg-type]


def test_the_deadline_bounds_opening_a_stream_not_its_events(sim: Simulator, mode: str) -> None:
    # One event, a 0.8 s gap (well inside the 2 s read timeout), then the end: longer than the deadline.
    sim.inject("POST", CHAT, Fault.stream([MESSAGE, 0.8, MESSAGE_END], then="end"))
    client = make_client(sim)
    events: list[ChatflowEvent] = []
    stream_into(mode, client, option(deadline=0.5), events)
    assert [event.event for event in events] == ["message", "message_end"]
