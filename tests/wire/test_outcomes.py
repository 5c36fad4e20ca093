"""How Dify 1.14.2 really ends a streamed run, replayed from its own bytes (captures 46, 54, 58):
stopped, failed, drifted progress events, and nothing after ``message_end`` costing the answer."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
import respx

from dify_oapi import (
    APIStatusError,
    Client,
    IncompleteStreamError,
    NotFoundError,
    RateLimitError,
    RequestOption,
    ResponseValidationError,
    StreamEventError,
    WorkflowFailedError,
)
from dify_oapi.api.chatflow.v1.model import MessageEvent, UnknownEvent, WorkflowFinishedEvent
from dify_oapi.core.errors import status_error
from dify_oapi.testing.sse import chunked, encode_event, two_way_splits
from tests.conftest import fixture_bytes
from tests.wire.test_stream import CHAT, OK, chat, consume, frames, serve

FAILED = fixture_bytes("real_54_failed_run.sse")
STOPPED = fixture_bytes("real_58_stopped_run.sse")


def answer(events: list[Any]) -> str:
    return "".join(event.answer for event in events if isinstance(event, MessageEvent))


def replace_frame(stream: bytes, name: str, **changes: Any) -> bytes:
    """The stream with every `name` frame changed; a change to None removes that key."""
    out = b""
    for frame in frames(stream):
        if frame["event"] == name:
            frame = {**frame, **changes}
            frame = {key: value for key, value in frame.items() if value is not None}
        out += encode_event(frame)
    return out


def read_all(mode: str, client: Client, option: RequestOption) -> tuple[list[Any], Any]:
    """Every event, and the stream (closed) for its flags."""
    chatflow = client.chatflow.v1.chatflow
    if mode == "sync":
        with chatflow.send_chat_message(chat(), option, True) as stream:
            return list(stream), stream

    async def run() -> tuple[list[Any], Any]:
        async with await chatflow.asend_chat_message(chat(), option, True) as stream:
            return [event async for event in stream], stream

    return asyncio.run(run())


def aborted_between_nodes() -> bytes:
    ending = next(f for f in frames(STOPPED) if f["event"] == "workflow_finished")
    ending["data"] = {**ending["data"], "status": "failed", "error": "Aborted: User requested stop"}
    body = b"".join(encode_event(f) for f in frames(STOPPED) if f["event"] != "workflow_finished")
    return b"event: ping\n\n" + body + encode_event(ending)


@pytest.mark.parametrize(
    ("body", "size"), [(STOPPED, 1), (STOPPED, 5), (STOPPED, 700), (aborted_between_nodes(), 3)]
)
def test_a_stopped_run_ends_without_an_exception_and_says_so(
    body: bytes, size: int, router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, chunked(body, size))
    events, stream = read_all(mode, client, option)
    assert isinstance(events[-1], WorkflowFinishedEvent) and events[-1].data.status in ("stopped", "failed")
    assert answer(events) == 'Working on "slow please"... done: '
    assert stream.stopped and stream.complete and not stream.paused


def test_an_answered_run_is_not_stopped(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    serve(router, "sync", [OK])
    assert not read_all("sync", client, option)[1].stopped


@pytest.mark.parametrize("size", [1, 9, 4096])
def test_a_failed_run_raises_with_the_workflow_error_its_run_and_the_failed_node(
    size: int, router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, chunked(FAILED, size))
    events: list[Any] = []
    with pytest.raises(WorkflowFailedError) as raised:
        consume(mode, client, option, events)
    error = raised.value
    assert error.error == "[Errno 111] Connection refused"
    assert error.workflow_run_id == "fc781d29-2c9c-4694-b43f-a12f04a92336"
    assert (error.node_id, error.node_title) == ("http", "Slow HTTP")
    assert "Slow HTTP" in str(error) and "Connection refused" in str(error)
    # Every event, the failed workflow_finished too, came out before the error.
    assert [e.event for e in events] == [f["event"] for f in frames(FAILED)]


def test_every_split_of_the_failed_runs_ending_raises_the_same(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    ending = FAILED[FAILED.index(b'data: {"event":"node_finished","conversation_id":"399bd6b9') :]
    for chunks in list(two_way_splits(ending))[::97]:
        serve(router, "sync", [b"event: ping\n\n", *chunks])
        with pytest.raises(WorkflowFailedError, match="Connection refused"):
            consume("sync", client, option, [])


def test_an_error_event_after_a_failed_workflow_wins(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    # Dify before 1.14 follows the failed workflow_finished with an `error` event.
    serve(router, mode, [fixture_bytes("chat_stream_error.sse")])
    with pytest.raises(StreamEventError, match="Run failed"):
        consume(mode, client, option, [])


def test_a_successful_run_without_message_end_no_longer_blames_an_old_dify(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    body = b"".join(encode_event(f) for f in frames(OK) if f["event"] != "message_end")
    serve(router, "sync", [body])
    with pytest.raises(IncompleteStreamError) as raised:
        consume("sync", client, option, [])
    assert "1.13" not in str(raised.value) and "succeeded" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("node_started", {"data": {"node_id": "start"}}),  # title, index, ... gone
        ("workflow_started", {"workflow_run_id": None}),
        ("node_finished", {"data": "not an object"}),
    ],
)
def test_a_drifted_progress_event_is_kept_as_unknown_with_one_warning(
    name: str,
    change: dict[str, Any],
    router: respx.MockRouter,
    client: Client,
    option: RequestOption,
    mode: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = replace_frame(OK, name, **change)
    serve(router, mode, chunked(body, 11))
    events: list[Any] = []
    with caplog.at_level(logging.WARNING, logger="dify_oapi"):
        consume(mode, client, option, events)
    drifted = [e for e in events if type(e) is UnknownEvent]
    assert [e.event for e in drifted] == [name] * sum(f["event"] == name for f in frames(OK))
    expected = next(f for f in frames(body) if f["event"] == name)
    assert drifted[0].model_dump() == expected  # every field kept
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and name in r.getMessage()]
    assert len(warnings) == len(drifted)
    assert answer(events) == answer(list(frames_as_events(OK)))


def frames_as_events(stream: bytes) -> list[Any]:
    return [MessageEvent.model_validate(f) for f in frames(stream) if f["event"] == "message"]


def test_a_drifted_failed_workflow_still_raises(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    serve(router, "sync", [replace_frame(FAILED, "workflow_finished", task_id=None)])
    with pytest.raises(WorkflowFailedError, match="Connection refused"):
        consume("sync", client, option, [])


@pytest.mark.parametrize(
    ("name", "change"),
    [("message", {"answer": None}), ("message_end", {"metadata": None}), ("message_replace", {"answer": 3})],
)
def test_the_answers_own_events_stay_strict(
    name: str, change: dict[str, Any], router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    body = replace_frame(OK, name, **change)
    if name == "message_replace":
        body = encode_event({**frames(OK)[1], "event": "message_replace", "answer": 3}) + body
    serve(router, "sync", [body])
    with pytest.raises(
        ResponseValidationError, match=f"event {name} does not fit its model: .*answer|metadata"
    ):
        consume("sync", client, option, [])


@pytest.mark.parametrize(
    ("after", "logged"),
    [
        (encode_event({"event": "message", "conversation_id": "c"}), "after message_end"),  # strict, broken
        (b"data: {not json\n\n", "after message_end"),
        (
            encode_event({"event": "error", "status": 500, "code": "internal_server_error", "message": "x"}),
            "x",
        ),
        (b'data: {"event":"tts_message","audio":"' + b"A" * 100, "inside an event frame"),  # cut in a frame
        (encode_event({**frames(FAILED)[-1], "conversation_id": "c-1"}), None),  # a failed run, after all
    ],
)
def test_nothing_after_message_end_loses_the_answer(
    after: bytes,
    logged: str | None,
    router: respx.MockRouter,
    client: Client,
    option: RequestOption,
    mode: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    until_end = b"".join(encode_event(f) for f in frames(OK)[:-1])  # up to message_end
    serve(router, mode, chunked(until_end + after, 64))
    deltas: list[str] = []
    with caplog.at_level(logging.WARNING, logger="dify_oapi"):
        consume(mode, client, option, deltas, text=True)
    assert "".join(deltas) == answer(frames_as_events(OK))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    if logged is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and "after message_end" in warnings[0] and logged in warnings[0]


@pytest.mark.parametrize("name", [b"[1]", b'{"a":1}', b"7", b"null"])
def test_an_event_name_that_is_not_a_string_is_a_validation_error(
    name: bytes, router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, [b'data: {"event":' + name + b',"task_id":"t"}\n\n'])
    with pytest.raises(ResponseValidationError):
        consume(mode, client, option, [])


@pytest.mark.parametrize("size", [1, 2, 3, 4, 4096])
def test_a_utf8_bom_before_the_first_frame_is_ignored(
    size: int, router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    serve(router, mode, chunked(b"\xef\xbb\xbf" + OK[OK.index(b"data:") :], size))
    events: list[Any] = []
    consume(mode, client, option, events)
    assert [e.event for e in events] == [f["event"] for f in frames(OK)]


@pytest.mark.parametrize("content_type", ["Text/Event-Stream; charset=utf-8", "TEXT/EVENT-STREAM"])
def test_the_media_type_check_ignores_case(
    content_type: str, router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.post(CHAT).respond(200, headers={"content-type": content_type}, content=OK)
    events: list[Any] = []
    consume(mode, client, option, events)
    assert len(events) == len(frames(OK))


def test_an_unknown_conversation_404_drops_flask_restx_route_hints_from_message(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    body = fixture_bytes("real_46_unknown_conversation_blocking.json")
    router.post(CHAT).respond(404, content=body, headers={"content-type": "application/json"})
    with pytest.raises(NotFoundError) as raised:
        consume(mode, client, option, [])
    assert raised.value.message == "Conversation Not Exists."
    assert raised.value.body == json.loads(body)  # everything kept here
    assert "did you mean" not in str(raised.value)


def test_status_code_is_the_http_status_and_status_stays_an_alias(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    router.post(CHAT).respond(404, content=fixture_bytes("real_46_unknown_conversation_blocking.json"))
    with pytest.raises(APIStatusError) as raised:
        client.chatflow.v1.chatflow.send_chat_message(chat(), option)
    assert raised.value.status_code == raised.value.status == 404
    assert raised.value.retry_after is None


def test_retry_after_is_kept_on_the_error() -> None:
    busy = b'{"code": "too_many_requests", "message": "Too many requests.", "status": 429}'
    error = status_error(429, busy, method="POST", url=CHAT, retry_after=7.5)
    assert isinstance(error, RateLimitError) and error.retry_after == 7.5 and error.status_code == 429
