"""Input Dify 1.14.2 accepts and handles goes out as built, not refused at build()."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    AnnotationReplySettingsRequest,
    AnnotationReplySettingsRequestBody,
    ChatFile,
    GetAnnotationsRequest,
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
    SendChatMessageRequest,
    SendChatMessageRequestBody,
    StopChatMessageRequest,
    StopChatMessageRequestBody,
)
from tests.conftest import fixture_bytes

CONV = "5e1b3c2a-0d4f-4e6a-9b8c-7a6f5e4d3c2b"
PAGE = {"limit": 20, "has_more": False, "data": []}


def chat(**fields: Any) -> SendChatMessageRequest:
    builder = SendChatMessageRequestBody.builder().query("hi").user("u-1")
    for name, value in fields.items():
        getattr(builder, name)(value)
    return SendChatMessageRequest.builder().request_body(builder.build()).build()


def reply_settings(
    action: Any, threshold: float, provider: str, model: str
) -> AnnotationReplySettingsRequest:
    body = AnnotationReplySettingsRequestBody.builder().score_threshold(threshold)
    body.embedding_provider_name(provider).embedding_model_name(model)
    return AnnotationReplySettingsRequest.builder().action(action).request_body(body.build()).build()


def variables(**fields: Any) -> GetConversationVariablesRequest:
    builder = GetConversationVariablesRequest.builder().conversation_id(CONV)
    for name, value in fields.items():
        getattr(builder, name)(value)
    return builder.build()


BLOCKING = json.loads(fixture_bytes("chat_blocking.json"))
JOB = {"job_id": CONV, "job_status": "waiting"}
URL = "https://example.com/cat.png"
UPLOAD = "0b7c3e2a-5d41-4c6f-9a8e-1f2d3c4b5a69"

# (resource, api, request, reply, what the server must see: query params or JSON body)
# fmt: off
CASES: list[tuple[str, str, Callable[[], Any], Any, dict[str, Any]]] = [
    # "" is Dify's "none" for these ids: it becomes None and is left out.
    ("chatflow", "send_chat_message", lambda: chat(conversation_id=""), BLOCKING, {"query": "hi", "inputs": {}, "user": "u-1", "response_mode": "blocking"}),
    ("chatflow", "send_chat_message", lambda: chat(conversation_id="  "), BLOCKING, {"query": "hi", "inputs": {}, "user": "u-1", "response_mode": "blocking"}),
    ("chatflow", "send_chat_message", lambda: chat(workflow_id=""), BLOCKING, {"query": "hi", "inputs": {}, "user": "u-1", "response_mode": "blocking"}),
    # Dify reads ids with uuid.UUID(): other spellings of a UUID pass, and the chat strips blanks.
    ("chatflow", "send_chat_message", lambda: chat(conversation_id=CONV.upper()), BLOCKING, {"conversation_id": CONV.upper()}),
    ("chatflow", "send_chat_message", lambda: chat(conversation_id=f" {CONV} "), BLOCKING, {"conversation_id": CONV}),
    ("chatflow", "send_chat_message", lambda: chat(conversation_id="{" + CONV + "}"), BLOCKING, {"conversation_id": "{" + CONV + "}"}),
    ("chatflow", "send_chat_message", lambda: chat(conversation_id=CONV.replace("-", "")), BLOCKING, {"conversation_id": CONV.replace("-", "")}),
    ("chatflow", "send_chat_message", lambda: chat(query=" "), BLOCKING, {"query": " "}),
    # Files: the type may be left to Dify; an uploaded file may come with its URL.
    ("chatflow", "send_chat_message", lambda: chat(files=[ChatFile.builder().transfer_method("remote_url").url(URL).build()]), BLOCKING, {"files": [{"transfer_method": "remote_url", "url": URL}]}),
    ("chatflow", "send_chat_message", lambda: chat(files=[ChatFile.builder().transfer_method("remote_url").url(URL).upload_file_id(UPLOAD).build()]), BLOCKING, {"files": [{"transfer_method": "remote_url", "url": URL, "upload_file_id": UPLOAD}]}),
    ("chatflow", "stop_chat_message", lambda: StopChatMessageRequest.builder().task_id("task 1").request_body(StopChatMessageRequestBody.builder().user("u-1").build()).build(), {"result": "success"}, {"user": "u-1"}),
    ("conversation", "get_conversations", lambda: GetConversationsRequest.builder().last_id("").build(), PAGE, {}),
    ("conversation", "get_conversation_messages", lambda: GetConversationMessagesRequest.builder().conversation_id(CONV).first_id("").build(), PAGE, {"conversation_id": CONV}),
    ("conversation", "get_conversation_variables", lambda: variables(last_id=""), PAGE, {}),
    # Unicode letters and digits pass Dify's variable_name rule (str.isalnum()).
    ("conversation", "get_conversation_variables", lambda: variables(variable_name="名前"), PAGE, {"variable_name": "名前"}),
    ("conversation", "get_conversation_variables", lambda: variables(variable_name="Zähler_2.v-1"), PAGE, {"variable_name": "Zähler_2.v-1"}),
    ("annotation", "get_annotations", lambda: GetAnnotationsRequest.builder().limit(500).build(), {"data": [], "has_more": False, "limit": 500, "total": 0, "page": 1}, {"limit": "500"}),
    # Any number is a threshold to Dify; to disable, the names are required but ignored.
    ("annotation", "annotation_reply_settings", lambda: reply_settings("enable", 1.5, "openai", "m"), JOB, {"score_threshold": 1.5}),
    ("annotation", "annotation_reply_settings", lambda: reply_settings("enable", -2, "openai", "m"), JOB, {"score_threshold": -2}),
    ("annotation", "annotation_reply_settings", lambda: reply_settings("disable", 0.9, "", ""), JOB, {"embedding_provider_name": "", "embedding_model_name": ""}),
]
# fmt: on


@pytest.mark.parametrize(("resource", "api", "build", "reply", "expected"), CASES)
def test_accepted_input_goes_out(
    resource: str,
    api: str,
    build: Callable[[], Any],
    reply: Any,
    expected: dict[str, Any],
    router: respx.MockRouter,
    client: Client,
    option: RequestOption,
) -> None:
    route = router.route().respond(200, json=reply)

    getattr(getattr(client.chatflow.v1, resource), api)(build(), option)

    assert route.call_count == 1
    sent = route.calls.last.request
    seen = json.loads(sent.content) if sent.content else dict(sent.url.params)
    assert seen.items() >= expected.items()
    if sent.content and "response_mode" in expected:  # "" or blank ids were left out, not sent as ""
        assert seen == expected


def capped_at_100(total: int) -> Callable[[httpx.Request], httpx.Response]:
    """Dify's annotation list: at most 100 a page, the asked limit echoed, has_more = len(data) == limit."""

    def serve(request: httpx.Request) -> httpx.Response:
        page, limit = int(request.url.params.get("page", 1)), int(request.url.params["limit"])
        per_page = min(limit, 100)
        data = [{"id": f"a{i}"} for i in range((page - 1) * per_page, min(page * per_page, total))]
        body = {"data": data, "has_more": len(data) == limit, "limit": limit, "total": total, "page": page}
        return httpx.Response(200, json=body)

    return serve


def test_annotation_iterator_with_a_limit_above_100_gets_every_item(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.get("/v1/apps/annotations").mock(side_effect=capped_at_100(250))
    request = GetAnnotationsRequest.builder().limit(200).build()

    items = list(client.chatflow.v1.annotation.iter_annotations(request, option))

    assert [a.id for a in items] == [f"a{i}" for i in range(250)]
    assert [call.request.url.params.get("page") for call in route.calls] == [None, "2", "3"]
