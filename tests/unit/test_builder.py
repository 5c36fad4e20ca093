"""Builders reject bad input at build(), naming the class and field, before any byte is sent."""

from __future__ import annotations

from typing import Any

import pytest
import respx

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model import ChatFile
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody


def chat_body(**fields: Any) -> SendChatMessageRequestBody:
    builder = SendChatMessageRequestBody.builder()
    for name, value in {"query": "hi", "user": "u-1", **fields}.items():
        if value is not ...:
            getattr(builder, name)(value)
    return builder.build()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"response_mode": "bogus"}, "SendChatMessageRequestBody.response_mode"),
        ({"user": ...}, "SendChatMessageRequestBody.user: Field required"),
        ({"user": ""}, "SendChatMessageRequestBody.user"),
        ({"conversation_id": ""}, "SendChatMessageRequestBody.conversation_id"),
        ({"query": 1}, "SendChatMessageRequestBody.query"),
        ({"inputs": "city=Shanghai"}, "SendChatMessageRequestBody.inputs"),
        ({"files": [{"type": "image"}]}, "SendChatMessageRequestBody.files.0"),
    ],
)
def test_chat_body_rejects(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidRequestError, match=message):
        chat_body(**fields)


def test_error_text_does_not_echo_the_input() -> None:
    with pytest.raises(InvalidRequestError) as raised:
        chat_body(response_mode="private-value-123")
    assert "private-value-123" not in str(raised.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"transfer_method": "remote_url"}, "needs url"),
        ({"transfer_method": "local_file", "url": "https://x/y.png"}, "needs upload_file_id"),
        ({"transfer_method": "tool_file", "url": "https://x/y.png"}, "ChatFile.transfer_method"),
    ],
)
def test_chat_file_needs_the_source_its_transfer_method_names(fields: dict[str, Any], message: str) -> None:
    builder = ChatFile.builder().type("image")
    for name, value in fields.items():
        getattr(builder, name)(value)
    with pytest.raises(InvalidRequestError, match=message):
        builder.build()


@pytest.mark.parametrize("task_id", ["", None])
def test_empty_or_missing_path_ids_are_rejected(task_id: str | None) -> None:
    body = StopChatMessageRequestBody.builder().user("u-1").build()
    with pytest.raises(InvalidRequestError, match="StopChatMessageRequest.task_id"):
        StopChatMessageRequest.builder().task_id(task_id).request_body(body).build()  # type: ignore[arg-type]


def test_request_without_body_is_rejected() -> None:
    with pytest.raises(InvalidRequestError, match="SendChatMessageRequest.request_body: Field required"):
        SendChatMessageRequest.builder().build()


def test_built_requests_are_frozen() -> None:
    body = chat_body()
    with pytest.raises(ValueError, match="frozen"):
        body.query = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("hostile", ["a/b", "..", "../../conversations", "x?user=other", "x#frag", "%2F"])
def test_path_ids_are_one_escaped_segment(
    hostile: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.route().respond(200, json={"result": "success", "data": []})
    request = GetSuggestedQuestionsRequest.builder().message_id(hostile).user("u-1").build()
    client.chatflow.v1.chatflow.get_suggested_questions(request, option)
    sent = route.calls.last.request.url
    segments = sent.raw_path.split(b"?")[0].split(b"/")
    assert segments[:3] == [b"", b"v1", b"messages"] and segments[4:] == [b"suggested"]
    assert sent.params.multi_items() == [("user", "u-1")] and sent.fragment == ""


def test_wrong_request_type_is_rejected_before_sending(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.route()
    with pytest.raises(InvalidRequestError, match="expected GetSuggestedQuestionsRequest"):
        client.chatflow.v1.chatflow.get_suggested_questions(chat_body(), option)  # type: ignore[arg-type]
    assert route.call_count == 0
