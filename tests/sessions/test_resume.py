"""Resuming and finishing on the simulator: a chat whose connection drops mid-answer while the run
goes on reattaches through ``get_workflow_events``, and ``final_result()`` reports every outcome,
the paused one included (the real apps have no human-input node)."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from dify_oapi import Client, IncompleteStreamError, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    ChatResult,
    GetWorkflowEventsRequest,
    MessageEvent,
    MessageReplaceEvent,
    SendChatMessageRequest,
    StopChatMessageRequest,
    StopChatMessageRequestBody,
    WorkflowFinishedEvent,
)
from dify_oapi.testing.simulator import Answer, Fault, Simulator
from tests.sessions.conftest import USER, chat

CHAT = "/v1/chat-messages"
ANSWER = "Reattaching keeps every delta, in order, exactly once."
EARLY = 5  # workflow_started, the start node's two events, the LLM's node_started, one delta
PROGRESS = ("workflow_started", "node_started", "node_finished")


def resumed(mode: str, client: Client, option: RequestOption, request: SendChatMessageRequest) -> list[Any]:
    chatflow = client.chatflow.v1.chatflow
    if mode == "sync":
        with chatflow.send_chat_message(request, option, True, resume=True) as stream:
            events = list(stream)
            assert stream.complete
            return events

    async def run() -> list[Any]:
        async with await chatflow.asend_chat_message(request, option, True, resume=True) as stream:
            events = [event async for event in stream]
            assert stream.complete
            return events

    return asyncio.run(run())


def final(mode: str, client: Client, option: RequestOption, request: SendChatMessageRequest) -> ChatResult:
    chatflow = client.chatflow.v1.chatflow
    if mode == "sync":
        with chatflow.send_chat_message(request, option, True) as stream:
            return stream.final_result()

    async def run() -> ChatResult:
        async with await chatflow.asend_chat_message(request, option, True) as stream:
            return await stream.afinal_result()

    return asyncio.run(run())


def deltas(events: list[Any]) -> list[str]:
    return [event.answer for event in events if isinstance(event, MessageEvent)]


def test_a_cut_chat_goes_on_through_the_events_endpoint_with_every_event_once(
    sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    client, option = live
    sim.script(ANSWER, ANSWER)
    whole = resumed(mode, client, option, chat("uncut"))
    sim.inject("POST", CHAT, Fault.cut_after(EARLY))
    events = resumed(mode, client, option, chat("cut"))
    assert sim.count("GET", "/v1/workflow/*") == 1
    assert [event.event for event in events] == [event.event for event in whole]
    assert "".join(deltas(events)) == ANSWER
    keys = Counter((e.event, e.data.id) for e in events if e.event in PROGRESS)
    assert max(keys.values()) == 1 and len(keys) == len([e for e in whole if e.event in PROGRESS])


@pytest.mark.parametrize("lost", [2, 100], ids=["two-deltas-unheard", "ended-while-disconnected"])
def test_deltas_published_while_disconnected_come_back_as_one_message_replace(
    lost: int, sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    # With 100 unheard, the run ends before the reattach: its lone workflow_finished comes typed.
    client, option = live
    sim.script(ANSWER)
    sim.inject("POST", CHAT, Fault.cut_after(EARLY, lost=lost))
    events = resumed(mode, client, option, chat("cut"))
    replace, finished = events[-2:]
    assert isinstance(replace, MessageReplaceEvent) and replace.answer == ANSWER
    assert isinstance(finished, WorkflowFinishedEvent) and finished.data.status == "succeeded"
    assert finished.conversation_id == events[0].conversation_id
    assert ANSWER.startswith("".join(deltas(events)[:1])) and len("".join(deltas(events))) < len(ANSWER)


def test_without_resume_the_same_cut_raises(
    sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    client, option = live
    sim.inject("POST", CHAT, Fault.cut_after(EARLY))
    with pytest.raises(IncompleteStreamError):
        final(mode, client, option, chat("cut"))


def test_another_users_run_is_not_found(sim: Simulator, live: tuple[Client, RequestOption]) -> None:
    client, option = live
    run_id = final("sync", client, option, chat("mine")).workflow_run_id
    assert run_id is not None
    request = GetWorkflowEventsRequest.builder().workflow_run_id(run_id).user("someone-else").build()
    with pytest.raises(NotFoundError, match="Workflow run not found"):
        client.chatflow.v1.workflow.get_workflow_events(request, option)


def test_final_result_reports_a_completed_run_whole(
    sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    client, option = live
    sim.script(ANSWER)
    result = final(mode, client, option, chat("complete me"))
    assert (result.outcome, result.answer, result.error, result.form) == ("completed", ANSWER, None, None)
    assert result.outputs == {"answer": ANSWER, "files": []}
    assert result.usage is not None and result.usage.completion_tokens == len(ANSWER)
    assert None not in (result.conversation_id, result.message_id, result.task_id, result.workflow_run_id)


def test_final_result_reports_a_failed_run_instead_of_raising(
    sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    client, option = live
    sim.script(Answer.failed("Connection refused", "partial "))
    result = final(mode, client, option, chat("fail"))
    assert (result.outcome, result.answer, result.error) == ("failed", "partial ", "Connection refused")
    assert result.failure is not None and result.failure.node_title == "LLM"
    assert result.workflow_run_id == result.failure.workflow_run_id is not None


def test_final_result_reports_a_paused_run_with_its_form(
    sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    client, option = live
    sim.script(Answer.paused("Approve the refund?", "Checking... "))
    result = final(mode, client, option, chat("pause"))
    assert (result.outcome, result.answer) == ("paused", "Checking... ")
    assert result.form is not None and result.form.data.form_content == "Approve the refund?"
    assert result.pause is not None and result.pause.workflow_run_id == result.workflow_run_id


def test_final_result_reports_a_stopped_run(
    sim: Simulator, live: tuple[Client, RequestOption], mode: str
) -> None:
    client, option = live
    sim.script(ANSWER * 20)
    chatflow = client.chatflow.v1.chatflow

    def stop(task_id: str) -> StopChatMessageRequest:
        body = StopChatMessageRequestBody.builder().user(USER).build()
        return StopChatMessageRequest.builder().task_id(task_id).request_body(body).build()

    if mode == "sync":
        with chatflow.send_chat_message(chat("stop me"), option, True) as stream:
            first = next(e for e in stream if isinstance(e, MessageEvent))
            chatflow.stop_chat_message(stop(first.task_id), option)
            result = stream.final_result()
    else:

        async def run() -> tuple[MessageEvent, ChatResult]:
            async with await chatflow.asend_chat_message(chat("stop me"), option, True) as stream:
                async for event in stream:
                    if isinstance(event, MessageEvent):
                        await chatflow.astop_chat_message(stop(event.task_id), option)
                        return event, await stream.afinal_result()
            raise AssertionError("no delta arrived")

        first, result = asyncio.run(run())
    assert result.outcome == "stopped" and len(first.answer + result.answer) < len(ANSWER * 20)
