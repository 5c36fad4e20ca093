"""Replies are read as leniently as Dify 1.14.2's own response models declare them."""

from __future__ import annotations

import json
from typing import Any

import pytest
import respx

from dify_oapi import Client, RequestOption, ResponseValidationError
from dify_oapi.api.chatflow.v1.model import (
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
    SendChatMessageRequest,
    SendChatMessageRequestBody,
)
from tests.conftest import call, fixture_bytes

CONV = "5e1b3c2a-0d4f-4e6a-9b8c-7a6f5e4d3c2b"


def first_item(name: str, **changes: Any) -> dict[str, Any]:
    page: dict[str, Any] = json.loads(fixture_bytes(name))
    return {**page, "data": [{**page["data"][0], **changes}]}


def test_timestamps_dify_declares_nullable_may_be_null(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    nulls = {"created_at": None, "updated_at": None}
    router.get("/v1/conversations").respond(200, json=first_item("conversations_page.json", **nulls))
    router.get("/v1/messages").respond(
        200, json=first_item("messages_page.json", created_at=None, feedback={"rating": None})
    )
    router.get(f"/v1/conversations/{CONV}/variables").respond(
        200, json=first_item("conversation_variables_page.json", **nulls)
    )
    conversation = client.chatflow.v1.conversation
    conversations = call(mode, conversation, "get_conversations", GetConversationsRequest(), option)
    history = GetConversationMessagesRequest.builder().conversation_id(CONV).build()
    messages = call(mode, conversation, "get_conversation_messages", history, option)
    listing = GetConversationVariablesRequest.builder().conversation_id(CONV).build()
    variables = call(mode, conversation, "get_conversation_variables", listing, option)

    assert conversations.data[0].created_at is None and conversations.data[0].updated_at is None
    assert messages.data[0].created_at is None and messages.data[0].feedback.rating is None
    assert variables.data[0].created_at is None and variables.data[0].updated_at is None


@pytest.mark.parametrize(
    ("value_type", "value"),
    [
        ("number", 3),
        ("number", 2.5),
        ("boolean", True),
        ("object", {"a": [1, None]}),
        ("array[string]", ["x"]),
    ],
)
def test_a_variable_value_sent_as_native_json_is_kept_as_is(
    value_type: str, value: Any, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    reply = first_item("conversation_variables_page.json", value_type=value_type, value=value)
    router.get(f"/v1/conversations/{CONV}/variables").respond(200, json=reply)
    request = GetConversationVariablesRequest.builder().conversation_id(CONV).build()

    variable = client.chatflow.v1.conversation.get_conversation_variables(request, option).data[0]

    assert variable.value == value and variable.typed_value == value


def test_a_blocking_reply_paused_by_a_human_input_node_is_read(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    blocking: dict[str, Any] = json.loads(fixture_bytes("chat_blocking.json"))
    paused = {**blocking, "event": "workflow_paused", "workflow_run_id": CONV, "data": {"status": "paused"}}
    router.post("/v1/chat-messages").respond(200, json=paused)
    body = SendChatMessageRequestBody.builder().query("hi").user("u-1").build()
    request = SendChatMessageRequest.builder().request_body(body).build()

    reply = client.chatflow.v1.chatflow.send_chat_message(request, option)

    assert reply.event == "workflow_paused" and reply.workflow_run_id == CONV
    assert reply.data == {"status": "paused"} and reply.answer == blocking["answer"]


def test_a_reply_that_does_not_fit_names_the_response_class(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    router.get("/v1/conversations").respond(200, json={"limit": 20, "data": []})
    with pytest.raises(ResponseValidationError, match="GetConversationsResponse.has_more"):
        client.chatflow.v1.conversation.get_conversations(GetConversationsRequest(), option)
