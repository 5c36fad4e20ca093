"""``get_workflow_events`` and ``send_chat_message(..., resume=True)`` on Dify 1.14.2's own bytes:
a slow run's chat cut after its first answer delta, the events endpoint's snapshot reattach, and
its reply for a run already over."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import Client, IncompleteStreamError, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    ChatResult,
    GetWorkflowEventsRequest,
    MessageEvent,
    MessageReplaceEvent,
    UnknownEvent,
    WorkflowFinishedEvent,
)
from tests.conftest import fixture_bytes
from tests.helpers import Driver
from tests.wire.test_stream import CHAT, chat, frames

CUT = fixture_bytes("real_workflow_events_chat_cut.sse")
SNAPSHOT = fixture_bytes("real_workflow_events_snapshot.sse")
FINISHED = fixture_bytes("real_workflow_events_finished.sse")
RUN_ID = frames(CUT)[0]["workflow_run_id"]
EVENTS = f"/v1/workflow/{RUN_ID}/events"
FULL_ANSWER = frames(FINISHED)[0]["data"]["outputs"]["answer"]
SSE = {"content-type": "text/event-stream; charset=utf-8"}


def sse(mode: str, body: bytes) -> Any:
    def reply(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=SSE, content=Driver(mode).body([body]))

    return reply


def events_request(**options: bool) -> GetWorkflowEventsRequest:
    builder = GetWorkflowEventsRequest.builder().workflow_run_id(RUN_ID).user("user-42")
    if "include_state_snapshot" in options:
        builder.include_state_snapshot(options["include_state_snapshot"])
    if "continue_on_pause" in options:
        builder.continue_on_pause(options["continue_on_pause"])
    return builder.build()


def read_events(mode: str, client: Client, option: RequestOption, request: GetWorkflowEventsRequest) -> Any:
    workflow = client.chatflow.v1.workflow
    if mode == "sync":
        with workflow.get_workflow_events(request, option) as stream:
            return list(stream), stream

    async def run() -> Any:
        async with await workflow.aget_workflow_events(request, option) as stream:
            return [event async for event in stream], stream

    return asyncio.run(run())


def resumed(mode: str, client: Client, option: RequestOption, *, result: bool = False) -> Any:
    """Every event of a resumed chat, or with ``result`` its ``final_result()``."""
    chatflow = client.chatflow.v1.chatflow
    if mode == "sync":
        with chatflow.send_chat_message(chat(), option, True, resume=True) as stream:
            return stream.final_result() if result else list(stream)

    async def run() -> Any:
        async with await chatflow.asend_chat_message(chat(), option, True, resume=True) as stream:
            return await stream.afinal_result() if result else [event async for event in stream]

    return asyncio.run(run())


def test_the_request_is_a_get_with_its_flags_in_the_query(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    route = router.get(EVENTS).mock(side_effect=sse(mode, SNAPSHOT))
    events, stream = read_events(mode, client, option, events_request(include_state_snapshot=True))
    sent = route.calls.last.request.url.params
    assert dict(sent) == {"user": "user-42", "include_state_snapshot": "true"}
    assert [event.event for event in events] == [frame["event"] for frame in frames(SNAPSHOT)]
    assert isinstance(events[-1], WorkflowFinishedEvent) and stream.complete  # it closes after this one
    events_request(continue_on_pause=False)  # both flags are setters


def test_a_run_already_over_answers_with_its_workflow_finished_alone(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.get(EVENTS).mock(side_effect=sse(mode, FINISHED))
    events, stream = read_events(mode, client, option, events_request())
    assert len(events) == 1 and isinstance(events[0], UnknownEvent) and events[0].event == "workflow_finished"
    assert stream.complete and not stream.stopped


def test_a_run_id_that_is_no_uuid_is_refused_before_sending() -> None:
    with pytest.raises(InvalidRequestError, match="GetWorkflowEventsRequest.workflow_run_id"):
        GetWorkflowEventsRequest.builder().workflow_run_id("abc").user("u").build()


def test_without_resume_the_cut_raises(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.post(CHAT).mock(side_effect=sse(mode, CUT))
    with pytest.raises(IncompleteStreamError):
        Driver(mode).stream(client.chatflow.v1.chatflow, chat(), option)


def test_a_resumed_chat_hands_over_no_replayed_event_twice_and_ends_with_the_whole_answer(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.post(CHAT).mock(side_effect=sse(mode, CUT))
    events_route = router.get(EVENTS).mock(side_effect=sse(mode, SNAPSHOT))
    events = resumed(mode, client, option)
    assert dict(events_route.calls.last.request.url.params) == {
        "user": "user-42",
        "include_state_snapshot": "true",
    }
    keys = Counter(
        (e.event, e.data.id)
        for e in events
        if e.event in ("workflow_started", "node_started", "node_finished")
    )
    assert keys and max(keys.values()) == 1
    # The deltas published while no one listened are gone on Dify too; the run's final answer
    # comes as one message_replace, just before workflow_finished.
    replace, finished = events[-2:]
    assert isinstance(replace, MessageReplaceEvent) and replace.answer == FULL_ANSWER
    assert isinstance(finished, WorkflowFinishedEvent)
    deltas = [e.answer for e in events if isinstance(e, MessageEvent)]
    assert deltas == ['Working on "', '{"slept": 12.0}']  # each once, in order
    assert [e.event for e in events].count("message_end") == 1


def test_final_result_of_a_resumed_chat_has_the_whole_answer_and_every_id(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.post(CHAT).mock(side_effect=sse(mode, CUT))
    router.get(EVENTS).mock(side_effect=sse(mode, SNAPSHOT))
    result = resumed(mode, client, option, result=True)
    first = frames(CUT)[0]
    assert isinstance(result, ChatResult) and result.outcome == "completed"
    assert result.answer == FULL_ANSWER and result.outputs == frames(FINISHED)[0]["data"]["outputs"]
    assert (result.conversation_id, result.message_id, result.task_id) == (
        first["conversation_id"],
        first["message_id"],
        first["task_id"],  # the chat's task id, not the snapshot's stand-in (the run id)
    )
    assert result.workflow_run_id == RUN_ID and result.usage is not None


def test_a_run_that_finished_while_disconnected_resumes_to_its_typed_end(
    router: respx.MockRouter, client: Client, option: RequestOption, mode: str
) -> None:
    router.post(CHAT).mock(side_effect=sse(mode, CUT))
    router.get(EVENTS).mock(side_effect=sse(mode, FINISHED))
    events = resumed(mode, client, option)
    replace, finished = events[-2:]
    assert isinstance(replace, MessageReplaceEvent) and replace.answer == FULL_ANSWER
    assert isinstance(finished, WorkflowFinishedEvent)
    assert finished.conversation_id == frames(CUT)[0]["conversation_id"]
    assert json.loads(FINISHED[6:])["data"]["status"] == finished.data.status == "succeeded"
