"""One table over the 14 non-streaming APIs: what the server sees, and what the caller gets back."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    Annotation,
    AnnotationReplyJob,
    AnnotationReplySettingsRequest,
    AnnotationReplySettingsRequestBody,
    AnnotationReplyStatusRequest,
    Conversation,
    ConversationVariable,
    CreateAnnotationRequest,
    CreateAnnotationRequestBody,
    CursorPage,
    DeleteAnnotationRequest,
    DeleteConversationRequest,
    GetAnnotationsRequest,
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
    GetSuggestedQuestionsRequest,
    GetSuggestedQuestionsResponse,
    Message,
    NoContent,
    NumberedPage,
    RenameConversationRequest,
    RenameConversationRequestBody,
    Result,
    StopChatMessageRequest,
    StopChatMessageRequestBody,
    UpdateAnnotationRequest,
    UpdateAnnotationRequestBody,
    UpdateConversationVariableRequest,
    UpdateConversationVariableRequestBody,
)
from dify_oapi.api.chatflow.v1.model.get_human_input_form_request import GetHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.get_human_input_form_response import GetHumanInputFormResponse
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request import SubmitHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request_body import (
    SubmitHumanInputFormRequestBody,
)
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_response import SubmitHumanInputFormResponse
from dify_oapi.core.model import Request
from dify_oapi.core.resource import api
from tests.conftest import API_KEY, call, fixture_bytes


def recorded(name: str) -> Any:
    return json.loads(fixture_bytes(name))


CONVERSATIONS = recorded("conversations_page.json")
MESSAGES = recorded("messages_page.json")
VARIABLES = recorded("conversation_variables_page.json")
ANNOTATIONS = recorded("annotations_page.json")
JOB = recorded("annotation_reply_job.json")
CONV = CONVERSATIONS["data"][0]["id"]
VAR = VARIABLES["data"][1]["id"]
ANN = ANNOTATIONS["data"][0]["id"]
JOB_ID = JOB["configure_response"]["job_id"]
MSG = MESSAGES["data"][0]["id"]
FORM = recorded("human_input_form.json")  # Dify 1.14.2's shape (_jsonify_form_definition)
TOKEN = "hT3kq9ZbVxW2mLr7YpC4nA"  # a form token: 22 letters and digits


@dataclass(frozen=True)
class Wire:
    resource: str
    api: str
    request: Request
    method: str
    path: str
    query: dict[str, str]
    body: Any  # the JSON Dify receives; None: no body at all
    status: int
    reply: Any  # the recorded JSON; None: an empty body
    into: type[Any]
    check: Callable[[Any], bool]


# fmt: off
ROWS = [
    Wire("chatflow", "stop_chat_message",
         StopChatMessageRequest.builder().task_id("t-1").request_body(StopChatMessageRequestBody.builder().user("u-1").build()).build(),
         "POST", "/v1/chat-messages/t-1/stop", {}, {"user": "u-1"},
         200, {"result": "success"}, Result, lambda r: r.result == "success"),
    Wire("chatflow", "get_suggested_questions",
         GetSuggestedQuestionsRequest.builder().message_id(MSG).user("u-1").build(),
         "GET", f"/v1/messages/{MSG}/suggested", {"user": "u-1"}, None,
         200, {"result": "success", "data": ["Why?", "How?"]}, GetSuggestedQuestionsResponse, lambda r: r.data == ["Why?", "How?"]),
    Wire("conversation", "get_conversations",
         GetConversationsRequest.builder().user("u-1").last_id(CONV).limit(5).sort_by("-created_at").build(),
         "GET", "/v1/conversations", {"user": "u-1", "last_id": CONV, "limit": "5", "sort_by": "-created_at"}, None,
         200, CONVERSATIONS, CursorPage[Conversation], lambda r: r.data[0].name == "Dify 介绍" and not r.has_more),
    Wire("conversation", "get_conversation_messages",
         GetConversationMessagesRequest.builder().conversation_id(CONV).user("u-1").first_id(MSG).limit(20).build(),
         "GET", "/v1/messages", {"conversation_id": CONV, "user": "u-1", "first_id": MSG, "limit": "20"}, None,
         200, MESSAGES, CursorPage[Message], lambda r: r.data[0].retriever_resources[0].score == 0.8734),
    Wire("conversation", "delete_conversation",  # Dify needs a JSON body even without user: {}
         DeleteConversationRequest.builder().conversation_id(CONV).build(),
         "DELETE", f"/v1/conversations/{CONV}", {}, {},
         204, None, NoContent, lambda r: r.model_dump() == {}),
    Wire("conversation", "rename_conversation",
         RenameConversationRequest.builder().conversation_id(CONV).request_body(RenameConversationRequestBody.builder().name("Dify 介绍").user("u-1").build()).build(),
         "POST", f"/v1/conversations/{CONV}/name", {}, {"auto_generate": False, "name": "Dify 介绍", "user": "u-1"},
         200, CONVERSATIONS["data"][0], Conversation, lambda r: r.inputs == {"city": "上海"}),
    Wire("conversation", "get_conversation_variables",
         GetConversationVariablesRequest.builder().conversation_id(CONV).user("u-1").variable_name("turns").build(),
         "GET", f"/v1/conversations/{CONV}/variables", {"user": "u-1", "variable_name": "turns"}, None,
         200, VARIABLES, CursorPage[ConversationVariable], lambda r: r.data[2].typed_value == {"lang": "zh", "vip": True}),
    Wire("conversation", "update_conversation_variable",  # value_type is checked, never sent
         UpdateConversationVariableRequest.builder().conversation_id(CONV).variable_id(VAR).request_body(UpdateConversationVariableRequestBody.builder().value_type("number").value(3).user("u-1").build()).build(),
         "PUT", f"/v1/conversations/{CONV}/variables/{VAR}", {}, {"value": 3, "user": "u-1"},
         200, VARIABLES["data"][1], ConversationVariable, lambda r: r.typed_value == 3),
    Wire("annotation", "get_annotations",
         GetAnnotationsRequest.builder().page(2).limit(10).keyword("Dify").build(),
         "GET", "/v1/apps/annotations", {"page": "2", "limit": "10", "keyword": "Dify"}, None,
         200, ANNOTATIONS, NumberedPage[Annotation], lambda r: r.total == 1 and r.data[0].hit_count == 5),
    Wire("annotation", "create_annotation",
         CreateAnnotationRequest.builder().request_body(CreateAnnotationRequestBody.builder().question("Q?").answer("A.").build()).build(),
         "POST", "/v1/apps/annotations", {}, {"question": "Q?", "answer": "A."},
         201, ANNOTATIONS["data"][0], Annotation, lambda r: r.id == ANN),
    Wire("annotation", "update_annotation",
         UpdateAnnotationRequest.builder().annotation_id(ANN).request_body(UpdateAnnotationRequestBody.builder().question("Q?").answer("A.").build()).build(),
         "PUT", f"/v1/apps/annotations/{ANN}", {}, {"question": "Q?", "answer": "A."},
         200, ANNOTATIONS["data"][0], Annotation, lambda r: r.question == "What is Dify?"),
    Wire("annotation", "delete_annotation",
         DeleteAnnotationRequest.builder().annotation_id(ANN).build(),
         "DELETE", f"/v1/apps/annotations/{ANN}", {}, None,
         204, None, NoContent, lambda r: r.model_dump() == {}),
    Wire("annotation", "annotation_reply_settings",
         AnnotationReplySettingsRequest.builder().action("enable").request_body(AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai").embedding_model_name("text-embedding-3-small").build()).build(),
         "POST", "/v1/apps/annotation-reply/enable", {}, {"score_threshold": 0.9, "embedding_provider_name": "openai", "embedding_model_name": "text-embedding-3-small"},
         200, JOB["configure_response"], AnnotationReplyJob, lambda r: r.job_status == "waiting"),
    Wire("annotation", "annotation_reply_status",
         AnnotationReplyStatusRequest.builder().action("enable").job_id(JOB_ID).build(),
         "GET", f"/v1/apps/annotation-reply/enable/status/{JOB_ID}", {}, None,
         200, JOB["status_response_error"], AnnotationReplyJob, lambda r: r.error_msg.startswith("Embedding model")),
    Wire("human_input", "get_human_input_form",
         GetHumanInputFormRequest.builder().form_token(TOKEN).build(),
         "GET", f"/v1/form/human_input/{TOKEN}", {}, None,
         200, FORM, GetHumanInputFormResponse,
         lambda r: [i.type for i in r.inputs] == ["paragraph", "select"] and r.user_actions[0].id == "approve"),
    Wire("human_input", "submit_human_input_form",
         SubmitHumanInputFormRequest.builder().form_token(TOKEN).request_body(SubmitHumanInputFormRequestBody.builder().inputs({"comment": "ok", "reason": None}).action("approve").user("u-1").build()).build(),
         "POST", f"/v1/form/human_input/{TOKEN}", {}, {"inputs": {"comment": "ok", "reason": None}, "action": "approve", "user": "u-1"},
         200, {}, SubmitHumanInputFormResponse, lambda r: r.model_dump() == {}),
]
# fmt: on


@pytest.mark.parametrize("row", ROWS, ids=[row.api for row in ROWS])
def test_wire(row: Wire, mode: str, router: respx.MockRouter, client: Client, option: RequestOption) -> None:
    reply = (
        httpx.Response(row.status, json=row.reply) if row.reply is not None else httpx.Response(row.status)
    )
    route = router.route(method=row.method, path=row.path).mock(return_value=reply)

    response = call(mode, getattr(client.chatflow.v1, row.resource), row.api, row.request, option)

    assert route.call_count == 1
    sent = route.calls.last.request
    assert dict(sent.url.params) == row.query
    assert (json.loads(sent.content) if sent.content else None) == row.body
    if row.body is not None:
        assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == f"Bearer {API_KEY}"
    assert isinstance(response, row.into)
    assert row.check(response)


def test_the_table_covers_every_non_streaming_api(client: Client) -> None:
    v1 = client.chatflow.v1
    resources = [
        getattr(v1, name) for name, value in vars(type(v1)).items() if isinstance(value, cached_property)
    ]
    declared = {
        name
        for resource in resources
        for name, attribute in vars(type(resource)).items()
        if isinstance(attribute, api)
    }
    assert declared == {row.api for row in ROWS}
