"""Builders reject bad input at build(), naming the class and field, before any byte is sent."""

from __future__ import annotations

from typing import Any

import pytest
import respx

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model import ChatFile
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody

UPLOAD = "0b7c3e2a-5d41-4c6f-9a8e-1f2d3c4b5a69"


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
        ({"conversation_id": "c-1"}, "SendChatMessageRequestBody.conversation_id: .*UUID"),
        ({"workflow_id": "v2"}, "SendChatMessageRequestBody.workflow_id: .*UUID"),
        ({"query": 1}, "SendChatMessageRequestBody.query"),
        # Dify answers "query is required"; in streaming mode only with a ping and silence.
        ({"query": ""}, "SendChatMessageRequestBody.query"),
        ({"inputs": "city=Shanghai"}, "SendChatMessageRequestBody.inputs"),
        ({"files": [{"type": "image"}]}, "SendChatMessageRequestBody.files.0"),
    ],
)
def test_chat_body_rejects(fields: dict[str, Any], message: str, router: respx.MockRouter) -> None:
    route = router.route()
    with pytest.raises(InvalidRequestError, match=message):
        chat_body(**fields)
    assert route.call_count == 0


def test_error_text_does_not_echo_the_input() -> None:
    with pytest.raises(InvalidRequestError) as raised:
        chat_body(response_mode="private-value-123")
    assert "private-value-123" not in str(raised.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        # Dify drops a remote_url file without url silently, and fails a local_file without its id.
        ({"transfer_method": "remote_url", "upload_file_id": UPLOAD}, "needs url"),
        ({"transfer_method": "local_file", "url": "https://x/y.png"}, "needs upload_file_id"),
        ({"transfer_method": "local_file", "upload_file_id": "f-1"}, "ChatFile.upload_file_id: .*UUID"),
        ({"transfer_method": "tool_file", "url": "https://x/y.png"}, "ChatFile.transfer_method"),
    ],
)
def test_chat_file_needs_the_source_its_transfer_method_names(
    fields: dict[str, Any], message: str, router: respx.MockRouter
) -> None:
    route = router.route()
    builder = ChatFile.builder().type("image")
    for name, value in fields.items():
        getattr(builder, name)(value)
    with pytest.raises(InvalidRequestError, match=message):
        builder.build()
    assert route.call_count == 0


@pytest.mark.parametrize("task_id", ["", None])
def test_empty_or_missing_path_ids_are_rejected(task_id: str | None) -> None:
    body = StopChatMessageRequestBody.builder().user("u-1").build()
    with pytest.raises(InvalidRequestError, match="StopChatMessageRequest.task_id"):
        StopChatMessageRequest.builder().task_id(task_id).request_body(body).build()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "fields",
    [
        {"transfer_method": "remote_url", "url": "https://x/y.png"},  # no type: Dify detects it
        {"transfer_method": "remote_url", "url": "https://x/y.png", "upload_file_id": UPLOAD},
        {"transfer_method": "local_file", "upload_file_id": UPLOAD, "type": "document"},
        {"transfer_method": "local_file", "upload_file_id": UPLOAD.upper()},
    ],
)
def test_chat_files_dify_accepts_are_built(fields: dict[str, Any]) -> None:
    builder = ChatFile.builder()
    for name, value in fields.items():
        getattr(builder, name)(value)
    assert builder.build().model_dump(exclude_none=True) == fields


def test_request_without_body_is_rejected() -> None:
    with pytest.raises(InvalidRequestError, match="SendChatMessageRequest.request_body: Field required"):
        SendChatMessageRequest.builder().build()


def test_built_requests_are_frozen() -> None:
    body = chat_body()
    with pytest.raises(ValueError, match="frozen"):
        body.query = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("hostile", ["..", ".", "x?user=other", "x#frag", "%2F", "x y"])
def test_a_plain_path_id_is_one_escaped_segment(
    hostile: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.route().respond(200, json={"result": "success"})
    body = StopChatMessageRequestBody.builder().user("u-1").build()
    request = StopChatMessageRequest.builder().task_id(hostile).request_body(body).build()
    client.chatflow.v1.chatflow.stop_chat_message(request, option)
    sent = route.calls.last.request.url
    segments = sent.raw_path.split(b"?")[0].split(b"/")
    assert segments[:3] == [b"", b"v1", b"chat-messages"] and segments[4:] == [b"stop"]
    assert sent.params.multi_items() == [] and sent.fragment == ""


@pytest.mark.parametrize("hostile", ["a/b", "../../conversations", "/"])
def test_a_slash_in_a_plain_path_id_is_refused(hostile: str, router: respx.MockRouter) -> None:
    # Dify routes on the decoded path, so an escaped "/" would still miss the route.
    route = router.route()
    body = StopChatMessageRequestBody.builder().user("u-1").build()
    with pytest.raises(InvalidRequestError, match="StopChatMessageRequest.task_id"):
        StopChatMessageRequest.builder().task_id(hostile).request_body(body).build()
    assert route.call_count == 0


def test_wrong_request_type_is_rejected_before_sending(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.route()
    with pytest.raises(InvalidRequestError, match="expected GetSuggestedQuestionsRequest"):
        client.chatflow.v1.chatflow.get_suggested_questions(chat_body(), option)  # type: ignore[arg-type]
    assert route.call_count == 0
