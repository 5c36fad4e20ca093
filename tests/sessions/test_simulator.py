"""The client against the bundled simulator on real sockets: chat, continue, stop, suggest, close early."""

from __future__ import annotations

import pytest

from dify_oapi import AuthenticationError, Client, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    ChatflowEvent,
    MessageEndEvent,
    MessageEvent,
    WorkflowFinishedEvent,
    WorkflowStartedEvent,
)
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody
from dify_oapi.testing.simulator import Simulator
from tests.conftest import call
from tests.helpers import Driver
from tests.sessions.conftest import USER, chat, stream_all


def test_streamed_chat_continues_its_conversation(live: tuple[Client, RequestOption], mode: str) -> None:
    client, option = live
    first = stream_all(mode, client, option, chat("What is Dify?"))
    assert isinstance(first[0], WorkflowStartedEvent) and isinstance(first[-1], WorkflowFinishedEvent)
    end = next(event for event in first if isinstance(event, MessageEndEvent))
    answer = "".join(event.answer for event in first if isinstance(event, MessageEvent))
    assert "What is Dify?" in answer and "simulated" in answer
    second = stream_all(mode, client, option, chat("And then?", end.conversation_id))
    assert {event.conversation_id for event in second} == {end.conversation_id}
    assert "Turn 2" in "".join(event.answer for event in second if isinstance(event, MessageEvent))


def test_blocking_chat_then_suggested_questions(live: tuple[Client, RequestOption], mode: str) -> None:
    client, option = live
    reply = call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat("Hi"), option)
    assert reply.mode == "advanced-chat" and "Hi" in reply.answer
    request = GetSuggestedQuestionsRequest.builder().message_id(reply.message_id).user(USER).build()
    suggested = call(mode, client.chatflow.v1.chatflow, "get_suggested_questions", request, option)
    assert len(suggested.data) == 3
    elsewhere = (
        GetSuggestedQuestionsRequest.builder().message_id(reply.message_id).user("someone-else").build()
    )
    with pytest.raises(NotFoundError, match="Message Not Exists"):
        call(mode, client.chatflow.v1.chatflow, "get_suggested_questions", elsewhere, option)


def test_stop_ends_a_running_stream_with_stopped_and_no_message_end(
    live: tuple[Client, RequestOption],
) -> None:
    client, option = live
    with client.chatflow.v1.chatflow.send_chat_message(
        chat("Tell me a long story " * 20), option, True
    ) as stream:
        first = next(event for event in stream if isinstance(event, MessageEvent))
        body = StopChatMessageRequestBody.builder().user(USER).build()
        stop = StopChatMessageRequest.builder().task_id(first.task_id).request_body(body).build()
        assert client.chatflow.v1.chatflow.stop_chat_message(stop, option).result == "success"
        # Dify 1.14.2 sends no message_end after a stop: the stream ends as stopped, with no exception.
        rest: list[ChatflowEvent] = list(stream)
    assert isinstance(rest[-1], WorkflowFinishedEvent) and rest[-1].data.status == "stopped"
    assert rest[-1].data.error == "Stopped by user." and stream.stopped


def test_breaking_out_closes_the_connection(sim: Simulator, live: tuple[Client, RequestOption]) -> None:
    client, option = live
    with client.chatflow.v1.chatflow.send_chat_message(chat("long " * 100), option, True) as stream:
        for event in stream:
            if isinstance(event, MessageEvent):
                break
    assert sim.wait_for_disconnects(1, timeout=5)


def test_stop_on_close_also_stops_the_run(
    sim: Simulator, live: tuple[Client, RequestOption], drive: Driver
) -> None:
    client, option = live
    drive.stream(client.chatflow.v1.chatflow, chat("long " * 100), option, stop_on_close=True, limit=1)
    assert sim.wait_for_disconnects(1, timeout=5)
    stops = [r for r in sim.requests if r.path.endswith("/stop")]
    assert len(stops) == 1 and stops[0].json == {"user": USER}


def test_wrong_key_is_an_authentication_error(sim: Simulator, mode: str) -> None:
    client = Client.builder().domain(sim.url).build()
    wrong = RequestOption.builder().api_key("app-not-the-key").build()
    with pytest.raises(AuthenticationError) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat("hi"), wrong)
    assert (raised.value.status, raised.value.code) == (401, "unauthorized")
