"""Every fault a Dify deployment (or what stands in front of it) produces, on real sockets.

For each: the exception the user sees, how often the request reached the server (a chat POST that
got through is never sent again), and that the connection went back to the pool.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import pytest

from dify_oapi import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncStream,
    BadRequestError,
    Client,
    DifyError,
    IncompleteStreamError,
    InternalServerError,
    RateLimitError,
    RequestOption,
    ResponseTooLargeError,
    ResponseValidationError,
    Stream,
    StreamEventError,
    WorkflowFailedError,
)
from dify_oapi.api.chatflow.v1.model import ChatflowEvent, MessageEndEvent, MessageEvent
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.testing.simulator import Fault, Simulator
from dify_oapi.testing.sse import PING
from tests.conftest import call
from tests.faults.conftest import (
    BUSY,
    CHAT,
    CONVERSATIONS,
    DOWN,
    ERROR_EVENT,
    MESSAGE,
    MESSAGE_END,
    USER,
    chat,
    conversations,
    make_client,
    stream_into,
)

Kind = Literal["get", "chat", "stream"]
ROUTES: dict[Kind, tuple[str, str]] = {
    "get": ("GET", CONVERSATIONS),
    "chat": ("POST", CHAT),
    "stream": ("POST", CHAT),
}
CAP = 4096  # the clients here cap bodies and frames at this many bytes
GATEWAY_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
BAD_UTF8 = b'{"limit": 20, "has_more": false, "data": [{"id": "\xff\xfe"}]}'
WRONG_SHAPE = b'{"limit": 20, "has_more": "maybe", "data": []}'
GONE = "8f4e2c1a-3b7d-4e9a-9c21-5d6f7a8b9c0d"


@dataclass(frozen=True)
class Case:
    name: str
    kind: Kind
    fault: Fault
    error: type[DifyError]
    sent: int  # requests the server saw with the default 2 retries
    events_first: int = 0  # events a stream yields before it raises
    says: str = ""  # text the exception's message must hold

    def __str__(self) -> str:
        return f"{self.kind}-{self.name}"


CASES = [
    # Read, then RST before any status line: a GET is resent; a chat POST may have started a run.
    Case("reset", "get", Fault.reset(), APIConnectionError, 3),
    Case("reset", "chat", Fault.reset(), APIConnectionError, 1),
    Case("reset", "stream", Fault.reset(), APIConnectionError, 1),
    Case(
        "html-502",
        "get",
        Fault.raw(502, "text/html", GATEWAY_PAGE),
        InternalServerError,
        3,
        says="502 Bad Gateway",
    ),
    Case("html-502", "chat", Fault.raw(502, "text/html", GATEWAY_PAGE), InternalServerError, 1),
    Case("html-502", "stream", Fault.raw(502, "text/html", GATEWAY_PAGE), InternalServerError, 1),
    # Dify refused before doing any work, so even the chat POST is sent again.
    Case(
        "429",
        "get",
        Fault.status(429, BUSY, {"Retry-After": "1"}),
        RateLimitError,
        3,
        says="too_many_requests",
    ),
    Case("429", "chat", Fault.status(429, BUSY, {"Retry-After": "1"}), RateLimitError, 3),
    Case("503", "get", Fault.status(503, DOWN), InternalServerError, 3),
    Case("503", "stream", Fault.status(503, DOWN), InternalServerError, 3),
    Case("invalid-utf8", "get", Fault.raw(200, "application/json", BAD_UTF8), ResponseValidationError, 1),
    Case(
        "wrong-shape",
        "get",
        Fault.raw(200, "application/json", WRONG_SHAPE),
        ResponseValidationError,
        1,
        says="has_more",
    ),
    Case("json-to-stream", "stream", Fault.raw(200, "application/json", b"{}"), ResponseValidationError, 1),
    Case("body-over-cap", "get", Fault.stream([b"[" * 1024] * 64, then="end"), ResponseTooLargeError, 1),
    Case("run-failed", "chat", Fault.run_failed("boom"), BadRequestError, 1),
    # Dify 1.14.2 ends a failed run with workflow_finished(failed) and no message_end.
    Case("run-failed", "stream", Fault.run_failed("boom"), WorkflowFailedError, 1, events_first=6),
    Case("error-event", "stream", Fault.stream([MESSAGE, ERROR_EVENT], "end"), StreamEventError, 1, 1),
    Case(
        "cut-mid-frame", "stream", Fault.stream([MESSAGE, MESSAGE[:9]], "close"), IncompleteStreamError, 1, 1
    ),
    Case("stall", "stream", Fault.stream([MESSAGE], "stall"), APITimeoutError, 1, events_first=1),
    Case(
        "invalid-utf8",
        "stream",
        Fault.stream([MESSAGE, b'data: {"event":"message","answer":"\xff"}\n\n'], "end"),
        ResponseValidationError,
        1,
        events_first=1,
    ),
    Case(
        "frame-over-cap",
        "stream",
        Fault.stream([b"data: " + b"x" * CAP * 4], "stall"),
        ResponseTooLargeError,
        1,
    ),
]


def fault_client(sim: Simulator, **settings: Any) -> Client:
    timeout = httpx.Timeout(5.0, read=0.5, pool=0.5)
    return make_client(sim, timeout=timeout, max_body_bytes=CAP, max_frame_bytes=CAP, **settings)


def run(kind: Kind, mode: str, client: Client, option: RequestOption) -> None:
    """One call of `kind`: a list call, a blocking chat, or a whole chat stream."""
    if kind == "stream":
        stream_into(mode, client, option, [])
    elif kind == "chat":
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), option)
    else:
        call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), option)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_fault_raises_its_exception_and_resends_only_what_is_safe(
    case: Case, sim: Simulator, option: RequestOption, slept: list[float], mode: str
) -> None:
    method, path = ROUTES[case.kind]
    sim.inject(method, path, case.fault, times=3)
    with pytest.raises(case.error) as raised:
        run(case.kind, mode, fault_client(sim), option)
    assert type(raised.value) is case.error and case.says in str(raised.value)
    assert sim.count(method, path) == case.sent
    assert len(slept) == case.sent - 1
    if isinstance(raised.value, (APIConnectionError, APIStatusError)) and case.kind != "stream":
        assert raised.value.retries == case.sent - 1
        assert (raised.value.method, raised.value.url) == (method, path)


@pytest.mark.parametrize("case", [c for c in CASES if c.events_first], ids=str)
def test_a_broken_stream_yields_every_complete_event_before_raising(
    case: Case, sim: Simulator, option: RequestOption, mode: str
) -> None:
    sim.inject("POST", CHAT, case.fault)
    events: list[ChatflowEvent] = []
    with pytest.raises(case.error):
        stream_into(mode, fault_client(sim), option, events)
    assert len(events) == case.events_first


def test_the_read_timeout_fires_between_chunks_of_a_stalled_stream(
    sim: Simulator, option: RequestOption, mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.stream([MESSAGE], "stall"))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        stream_into(mode, fault_client(sim), option, [])
    assert 0.4 < time.monotonic() - started < 2.0
    assert sim.count("POST", CHAT) == 1


def test_pings_keep_a_slow_but_healthy_stream_alive(sim: Simulator, option: RequestOption, mode: str) -> None:
    # 1.5 s without an event, three times the read timeout; Dify's pings (here every 0.1 s) cover it.
    sim.inject("POST", CHAT, Fault.stream([MESSAGE, 1.5, MESSAGE_END], "end", ping_every=0.1))
    events: list[ChatflowEvent] = []
    stream_into(mode, fault_client(sim), option, events)
    assert [type(e) for e in events] == [MessageEvent, MessageEndEvent]


def test_pings_are_not_events_and_a_stall_after_them_times_out(sim: Simulator, option: RequestOption) -> None:
    sim.inject("POST", CHAT, Fault.stream([MESSAGE, PING, PING], "stall"))
    with (
        pytest.raises(APITimeoutError),
        fault_client(sim).chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream,
    ):
        assert isinstance(next(stream), MessageEvent)
        next(stream)


# -- the pool survives 100 faults in a row ------------------------------------------------------------


def test_pool_of_two_survives_100_consecutive_faults_sync(sim: Simulator, option: RequestOption) -> None:
    client = fault_client(sim, max_retries=0, limits=httpx.Limits(max_connections=2))
    kept: list[Stream[ChatflowEvent]] = []  # held, so no connection is released by garbage collection
    seen: list[type[DifyError]] = []
    for i in range(100):
        case = CASES[i % len(CASES)]
        sim.inject(*ROUTES[case.kind], case.fault)
        try:
            if case.kind == "stream":
                kept.append(client.chatflow.v1.chatflow.send_chat_message(chat(), option, True))
                list(kept[-1])  # no `with`: the error path alone must release the connection
            else:
                run(case.kind, "sync", client, option)
        except DifyError as error:
            seen.append(type(error))
    assert seen == [CASES[i % len(CASES)].error for i in range(100)]
    assert client.chatflow.v1.chatflow.send_chat_message(chat(), option).answer
    with client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream:
        assert stream.complete is False and list(stream) and stream.complete
    assert sim.open_connections <= 2


def test_pool_of_two_survives_100_consecutive_faults_async(sim: Simulator, option: RequestOption) -> None:
    client = fault_client(sim, max_retries=0, limits=httpx.Limits(max_connections=2))
    chatflow = client.chatflow.v1.chatflow
    kept: list[AsyncStream[ChatflowEvent]] = []

    async def one(case: Case) -> None:
        if case.kind == "stream":
            kept.append(await chatflow.asend_chat_message(chat(), option, True))
            async for _ in kept[-1]:
                pass
        elif case.kind == "chat":
            await chatflow.asend_chat_message(chat(), option)
        else:
            await client.chatflow.v1.conversation.aget_conversations(conversations(), option)

    async def run() -> list[type[DifyError]]:
        seen: list[type[DifyError]] = []
        for i in range(100):
            case = CASES[i % len(CASES)]
            sim.inject(*ROUTES[case.kind], case.fault)
            try:
                await one(case)
            except DifyError as error:
                seen.append(type(error))
        assert (await chatflow.asend_chat_message(chat(), option)).answer
        async with await chatflow.asend_chat_message(chat(), option, True) as stream:
            assert [event async for event in stream] and stream.complete
        return seen

    seen = asyncio.run(run())
    assert seen == [CASES[i % len(CASES)].error for i in range(100)]
    assert sim.open_connections <= 2


# -- failures below the HTTP status: a corrupt body, a hostile nesting depth, an unfollowed redirect -----


@pytest.mark.parametrize(
    ("kind", "error", "match"),
    [
        ("get", APIConnectionError, "DecodingError"),
        # The client asks for identity: a compressed stream could not keep to max_frame_bytes.
        ("stream", ResponseValidationError, "compressed event stream"),
    ],
)
def test_a_corrupt_compressed_body_is_a_connection_error(
    kind: Kind, error: type[Exception], match: str, sim: Simulator, option: RequestOption, mode: str
) -> None:
    content_type = "text/event-stream" if kind == "stream" else "application/json"
    headers = {"Content-Encoding": "gzip", "Content-Type": content_type}
    sim.inject(*ROUTES[kind], Fault.status(200, b"this is not gzip", headers))
    with pytest.raises(error, match=match):
        run(kind, mode, fault_client(sim), option)
    assert sim.count(*ROUTES[kind]) == 1


def test_a_deeply_nested_error_body_is_quoted_not_parsed(
    sim: Simulator, option: RequestOption, mode: str
) -> None:
    sim.inject("GET", CONVERSATIONS, Fault.status(400, b"[" * 100_000))
    with pytest.raises(BadRequestError) as raised:
        run("get", mode, make_client(sim), option)
    assert raised.value.code is None and raised.value.message == "[" * 200


@pytest.mark.parametrize("kind", ["delete", "stream"])
def test_an_unfollowed_redirect_is_an_error(
    kind: str, sim: Simulator, option: RequestOption, mode: str
) -> None:
    # A proxy sending http:// to https:// answers 301/307; nothing reached Dify, nothing was done.
    redirect = Fault.status(307, b"", {"Location": "https://dify.example/v1/", "Content-Type": "text/plain"})
    client = fault_client(sim)
    with pytest.raises(APIStatusError) as raised:
        if kind == "stream":
            sim.inject("POST", CHAT, redirect)
            stream_into(mode, client, option, [])
        else:
            sim.inject("DELETE", f"{CONVERSATIONS}/*", redirect)
            body = DeleteConversationRequestBody.builder().user(USER).build()
            request = DeleteConversationRequest.builder().conversation_id(GONE).request_body(body).build()
            call(mode, client.chatflow.v1.conversation, "delete_conversation", request, option)
    assert raised.value.status == 307
