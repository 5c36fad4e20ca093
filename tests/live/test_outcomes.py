"""Each way a streamed run ends, against the real Dify 1.14.2, sync and async: a stop on a running
slow run, the failing app, and an unknown conversation (a ping, then silence) under a short
first-event timeout; plus the blocking 404 whose message loses Flask-RESTX's route hints."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from dify_oapi import Client, FirstEventTimeoutError, NotFoundError, RequestOption, WorkflowFailedError
from dify_oapi.api.chatflow.v1.model import MessageEvent, WorkflowFinishedEvent
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody
from tests.live.conftest import RealDify

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def user() -> str:
    return f"outcomes-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def client(real_dify: RealDify) -> Iterator[Client]:
    with Client.builder().domain(real_dify.domain).first_event_timeout(3.0).build() as made:
        yield made


def option(key: str) -> RequestOption:
    return RequestOption.builder().api_key(key).build()


def chat(user: str, query: str, conversation_id: str | None = None) -> SendChatMessageRequest:
    body = SendChatMessageRequestBody.builder().query(query).user(user)
    if conversation_id is not None:
        body.conversation_id(conversation_id)
    return SendChatMessageRequest.builder().request_body(body.build()).build()


def delete(client: Client, key: str, user: str, conversation_id: str) -> None:
    body = DeleteConversationRequestBody.builder().user(user).build()
    request = DeleteConversationRequest.builder().conversation_id(conversation_id).request_body(body).build()
    client.chatflow.v1.conversation.delete_conversation(request, option(key))


def stop_request(user: str, task_id: str) -> StopChatMessageRequest:
    body = StopChatMessageRequestBody.builder().user(user).build()
    return StopChatMessageRequest.builder().task_id(task_id).request_body(body).build()


def test_a_stop_on_a_running_slow_run_ends_the_stream_as_stopped(
    client: Client, real_dify: RealDify, user: str, mode: str
) -> None:
    key, chatflow = real_dify.slow_key, client.chatflow.v1.chatflow
    events: list[Any] = []
    if mode == "sync":
        with chatflow.send_chat_message(chat(user, "stop me"), option(key), True) as stream:
            for event in stream:
                events.append(event)
                if isinstance(event, MessageEvent) and "stop sent" not in events:
                    chatflow.stop_chat_message(stop_request(user, event.task_id), option(key))
                    events.append("stop sent")
    else:

        async def run() -> Any:
            stream = await chatflow.asend_chat_message(chat(user, "stop me"), option(key), True)
            async with stream:
                async for event in stream:
                    events.append(event)
                    if isinstance(event, MessageEvent) and "stop sent" not in events:
                        await chatflow.astop_chat_message(stop_request(user, event.task_id), option(key))
                        events.append("stop sent")
            return stream

        stream = asyncio.run(run())
    finished = [e for e in events if isinstance(e, WorkflowFinishedEvent)]
    assert stream.stopped and stream.complete
    assert finished and finished[-1].data.status in ("stopped", "failed")
    delete(client, key, user, finished[-1].conversation_id)


def test_the_failing_app_raises_workflow_failed_with_its_error_and_node(
    client: Client, real_dify: RealDify, user: str, mode: str
) -> None:
    key, chatflow = real_dify.failing_key, client.chatflow.v1.chatflow
    events: list[Any] = []
    with pytest.raises(WorkflowFailedError) as raised:
        if mode == "sync":
            with chatflow.send_chat_message(chat(user, "this will fail"), option(key), True) as stream:
                events.extend(stream)
        else:

            async def run() -> None:
                async with await chatflow.asend_chat_message(
                    chat(user, "this will fail"), option(key), True
                ) as s:
                    async for event in s:
                        events.append(event)

            asyncio.run(run())
    error = raised.value
    assert "Connection refused" in error.error and error.node_title == "Slow HTTP"
    assert error.workflow_run_id == events[0].workflow_run_id
    delete(client, key, user, events[0].conversation_id)


def test_an_unknown_conversation_in_streaming_mode_raises_first_event_timeout(
    client: Client, real_dify: RealDify, user: str, mode: str
) -> None:
    request, chatflow = chat(user, "hello", UNKNOWN), client.chatflow.v1.chatflow
    with pytest.raises(FirstEventTimeoutError, match="blocking mode"):
        if mode == "sync":
            with chatflow.send_chat_message(request, option(real_dify.key), True) as stream:
                list(stream)
        else:

            async def run() -> None:
                async with await chatflow.asend_chat_message(request, option(real_dify.key), True) as s:
                    async for _ in s:
                        pass

            asyncio.run(run())


def test_the_same_request_in_blocking_mode_shows_difys_404_without_route_hints(
    client: Client, real_dify: RealDify, user: str
) -> None:
    with pytest.raises(NotFoundError) as raised:
        client.chatflow.v1.chatflow.send_chat_message(chat(user, "hello", UNKNOWN), option(real_dify.key))
    assert raised.value.message == "Conversation Not Exists."
    assert "did you mean" in raised.value.body["message"] and raised.value.status_code == 404
