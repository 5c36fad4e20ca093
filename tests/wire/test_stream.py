"""Streaming chat over respx with recorded Dify bytes cut at awkward places, sync and async."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import (
    Client,
    IncompleteStreamError,
    InvalidRequestError,
    NotFoundError,
    RequestOption,
    ResponseValidationError,
    StreamEventError,
)
from dify_oapi.api.chatflow.v1.model import (
    MessageEndEvent,
    MessageEvent,
    UnknownEvent,
    WorkflowFinishedEvent,
    WorkflowStartedEvent,
)
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.types import ResponseMode
from dify_oapi.testing.sse import chunked, encode_event
from tests import helpers
from tests.conftest import fixture_bytes
from tests.helpers import Driver

CHAT = "/v1/chat-messages"
ANSWER = "你好！Dify 是一个开源的 LLM 应用开发平台 🚀。"
OK = fixture_bytes("chat_stream_ok.sse")
COMMON = {"conversation_id": "c-1", "message_id": "m-1", "created_at": 1, "task_id": "t-1"}


def chat(response_mode: ResponseMode | None = None) -> SendChatMessageRequest:
    return helpers.chat("Dify 是什么？", "user-42", response_mode=response_mode)


def frames(stream: bytes) -> list[dict[str, Any]]:
    return [json.loads(line[6:]) for line in stream.split(b"\n\n") if line.startswith(b"data: ")]


def events_without(*names: str) -> bytes:
    return b"".join(encode_event(frame) for frame in frames(OK) if frame["event"] not in names)


def serve(router: respx.MockRouter, mode: str, chunks: list[bytes]) -> respx.Route:
    def reply(_: httpx.Request) -> httpx.Response:
        body = Driver(mode).body(chunks)
        return httpx.Response(200, headers={"content-type": "text/event-stream; charset=utf-8"}, content=body)

    return router.post(CHAT).mock(side_effect=reply)


def consume(mode: str, client: Client, option: RequestOption, into: list[Any], text: bool = False) -> None:
    """Read a whole stream into `into` (events, or text deltas); exceptions propagate after partial reads."""
    Driver(mode).stream(client.chatflow.v1.chatflow, chat(), option, into, text=text)


@pytest.mark.parametrize("size", [1, 7, 4096])
def test_recorded_stream_yields_typed_events_in_order(
    size: int, router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, chunked(OK, size))
    events: list[Any] = []
    consume(mode, client, option, events)
    assert [event.event for event in events] == [frame["event"] for frame in frames(OK)]  # ping dropped
    assert isinstance(events[0], WorkflowStartedEvent) and isinstance(events[-2], MessageEndEvent)
    assert isinstance(events[-1], WorkflowFinishedEvent) and events[-1].data.status == "succeeded"
    assert "".join(e.answer for e in events if isinstance(e, MessageEvent)) == ANSWER
    assert events[-2].metadata.usage is not None and events[-2].metadata.usage.total_tokens == 1161


def test_text_yields_only_answer_deltas(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, chunked(OK, 13))
    deltas: list[str] = []
    consume(mode, client, option, deltas, text=True)
    assert "".join(deltas) == ANSWER and len(deltas) == sum(f["event"] == "message" for f in frames(OK))


def test_unknown_events_are_kept_with_their_fields(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    branch = encode_event({"event": "parallel_branch_started", **COMMON, "data": {"parallel_id": "p-9"}})
    serve(router, mode, [branch, OK])
    events: list[Any] = []
    consume(mode, client, option, events)
    assert isinstance(events[0], UnknownEvent) and events[0].event == "parallel_branch_started"
    assert events[0].model_extra is not None and events[0].model_extra["data"] == {"parallel_id": "p-9"}


def test_error_event_raises_with_difys_status_code_and_message_after_earlier_events(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    stream = fixture_bytes("chat_stream_error.sse")
    serve(router, mode, chunked(stream, 100))
    events: list[Any] = []
    with pytest.raises(StreamEventError) as raised:
        consume(mode, client, option, events)
    assert (raised.value.status, raised.value.code) == (400, "invalid_param")
    assert raised.value.message.startswith("Run failed: [openai] Rate Limit Error")
    assert [event.event for event in events] == [f["event"] for f in frames(stream)][:-1]


def test_eof_before_message_end_raises_after_every_complete_frame(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    stream = events_without("message_end", "workflow_finished")
    serve(router, mode, [stream])
    events: list[Any] = []
    with pytest.raises(IncompleteStreamError, match="before message_end") as raised:
        consume(mode, client, option, events)
    assert len(events) == len(frames(stream)) and "Dify 1.13" not in str(raised.value)


def test_missing_message_end_after_successful_workflow_says_so(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, [events_without("message_end")])
    with pytest.raises(IncompleteStreamError, match=r"workflow_finished \(succeeded\) did arrive"):
        consume(mode, client, option, [])


def test_older_dify_order_with_message_end_last_completes(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    ordered = frames(OK)
    ordered[-2], ordered[-1] = ordered[-1], ordered[-2]
    serve(router, mode, [b"".join(encode_event(frame, legacy=True) for frame in ordered)])
    events: list[Any] = []
    consume(mode, client, option, events)
    assert isinstance(events[-1], MessageEndEvent)


def test_paused_workflow_ends_the_stream_as_an_outcome(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    paused = encode_event({"event": "workflow_paused", **COMMON, "data": {"paused_nodes": ["n-1"]}})
    serve(router, mode, [events_without("message_end", "workflow_finished"), paused])
    events: list[Any] = []
    consume(mode, client, option, events)
    assert events[-1].event == "workflow_paused"


def test_stream_cut_inside_a_frame_raises(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, [OK[: len(OK) // 2]])
    with pytest.raises(IncompleteStreamError):
        consume(mode, client, option, [])


def test_message_event_missing_a_field_names_it(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    broken = {**COMMON, "event": "message", "id": "m-1", "answer": "x"}
    del broken["message_id"]
    serve(router, mode, [encode_event(broken)])
    with pytest.raises(ResponseValidationError, match="message_id"):
        consume(mode, client, option, [])


def test_http_errors_raise_before_the_stream_is_returned(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    not_found = {"code": "not_found", "message": "Conversation Not Exists.", "status": 404}
    router.post(CHAT).respond(404, json=not_found)
    with pytest.raises(NotFoundError, match="Conversation Not Exists"):
        consume(mode, client, option, [])


def test_a_json_reply_to_a_streaming_request_is_not_mistaken_for_events(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    router.post(CHAT).respond(
        200, content=fixture_bytes("chat_blocking.json"), headers={"content-type": "application/json"}
    )
    with pytest.raises(ResponseValidationError, match="text/event-stream"):
        client.chatflow.v1.chatflow.send_chat_message(chat(), option, stream=True)


def test_iter_bytes_relays_the_raw_stream(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    serve(router, "sync", chunked(OK, 1000))
    with client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream:
        assert b"".join(stream.iter_bytes()) == OK


@pytest.mark.parametrize(("response_mode", "stream"), [("blocking", True), ("streaming", False)])
def test_response_mode_contradicting_the_stream_flag_raises_before_sending(
    response_mode: ResponseMode, stream: bool, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.post(CHAT)
    with pytest.raises(InvalidRequestError, match="SendChatMessageRequestBody.response_mode"):
        client.chatflow.v1.chatflow.send_chat_message(chat(response_mode), option, stream)
    assert route.call_count == 0


def test_stream_flag_fills_in_the_response_mode(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = serve(router, "sync", [OK])
    with client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream:
        assert stream.complete is False
        list(stream)
        assert stream.complete is True
    assert json.loads(route.calls.last.request.content)["response_mode"] == "streaming"


def test_a_connection_cut_after_message_end_loses_nothing(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    ordered = frames(OK)

    def body() -> Iterator[bytes]:
        yield b"".join(encode_event(frame) for frame in ordered[:-1])  # up to message_end
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    router.post(CHAT).mock(
        side_effect=lambda _: httpx.Response(
            200, headers={"content-type": "text/event-stream"}, content=body()
        )
    )
    with client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream:
        events = list(stream)
    assert isinstance(events[-1], MessageEndEvent) and stream.complete


def test_a_paused_run_says_so(router: respx.MockRouter, client: Client, option: RequestOption) -> None:
    paused = encode_event({"event": "workflow_paused", **COMMON, "data": {"paused_nodes": ["n-1"]}})
    serve(router, "sync", [events_without("message_end", "workflow_finished"), paused])
    with client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as stream:
        list(stream)
    assert stream.complete and stream.paused
