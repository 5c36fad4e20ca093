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
    GetFeedbacksRequest,
    GetFeedbacksResponse,
    GetInfoRequest,
    GetInfoResponse,
    GetMetaRequest,
    GetMetaResponse,
    GetParametersRequest,
    GetParametersResponse,
    GetSiteRequest,
    GetSiteResponse,
    GetSuggestedQuestionsRequest,
    GetSuggestedQuestionsResponse,
    Message,
    NoContent,
    NumberedPage,
    PreviewFileRequest,
    PreviewFileResponse,
    RenameConversationRequest,
    RenameConversationRequestBody,
    Result,
    StopChatMessageRequest,
    StopChatMessageRequestBody,
    SubmitFeedbackRequest,
    SubmitFeedbackRequestBody,
    SubmitFeedbackResponse,
    UpdateAnnotationRequest,
    UpdateAnnotationRequestBody,
    UpdateConversationVariableRequest,
    UpdateConversationVariableRequestBody,
    UploadFileRequest,
    UploadFileRequestBody,
    UploadFileResponse,
)
from dify_oapi.api.chatflow.v1.model.audio_to_text_request import AudioToTextRequest
from dify_oapi.api.chatflow.v1.model.audio_to_text_request_body import AudioToTextRequestBody
from dify_oapi.api.chatflow.v1.model.audio_to_text_response import AudioToTextResponse
from dify_oapi.api.chatflow.v1.model.get_human_input_form_request import GetHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.get_human_input_form_response import GetHumanInputFormResponse
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request import SubmitHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request_body import (
    SubmitHumanInputFormRequestBody,
)
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_response import SubmitHumanInputFormResponse
from dify_oapi.api.chatflow.v1.model.text_to_audio_request import TextToAudioRequest
from dify_oapi.api.chatflow.v1.model.text_to_audio_request_body import TextToAudioRequestBody
from dify_oapi.api.chatflow.v1.model.text_to_audio_response import TextToAudioResponse
from dify_oapi.core.model import Request
from dify_oapi.core.resource import api
from dify_oapi.testing.simulator.file import form_parts
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
APP = recorded("real_app_and_feedback.json")
UPLOADED = recorded("uploaded_file.json")
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
    reply_headers: tuple[tuple[str, str], ...] = ()  # for a reply that is not JSON (bytes)


def sent_body(sent: httpx.Request) -> Any:
    """The body as Dify reads it: JSON, or for multipart/form-data each part's (file name, type, bytes)."""
    if not sent.content:
        return None
    content_type = sent.headers["Content-Type"]
    if content_type.startswith("multipart/form-data"):
        return {
            part.name: (part.file_name, part.mime_type, part.content)
            for part in form_parts(content_type, sent.content)
        }
    assert content_type == "application/json"
    return json.loads(sent.content)


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
    Wire("app", "get_info",
         GetInfoRequest.builder().build(),
         "GET", "/v1/info", {}, None,
         200, APP["info"], GetInfoResponse, lambda r: r.mode == "advanced-chat" and r.author_name == "admin"),
    Wire("app", "get_parameters",
         GetParametersRequest.builder().build(),
         "GET", "/v1/parameters", {}, None,
         200, APP["parameters"], GetParametersResponse,
         lambda r: (r.user_input_form[0].type, r.user_input_form[0].max_length) == ("text-input", 48) and r.suggested_questions_after_answer.enabled),
    Wire("app", "get_meta",
         GetMetaRequest.builder().build(),
         "GET", "/v1/meta", {}, None,
         200, APP["meta"], GetMetaResponse, lambda r: r.tool_icons == {}),
    Wire("app", "get_site",
         GetSiteRequest.builder().build(),
         "GET", "/v1/site", {}, None,
         200, APP["site"], GetSiteResponse, lambda r: r.icon == "\U0001f916" and r.default_language == "en-US"),
    Wire("feedback", "submit_feedback",
         SubmitFeedbackRequest.builder().message_id(MSG).request_body(SubmitFeedbackRequestBody.builder().user("u-1").rating("like").content("Clear.").build()).build(),
         "POST", f"/v1/messages/{MSG}/feedbacks", {}, {"user": "u-1", "rating": "like", "content": "Clear."},
         200, {"result": "success"}, SubmitFeedbackResponse, lambda r: r.result == "success"),
    Wire("feedback", "get_feedbacks",
         GetFeedbacksRequest.builder().page(2).limit(101).build(),
         "GET", "/v1/app/feedbacks", {"page": "2", "limit": "101"}, None,
         200, APP["feedbacks"], GetFeedbacksResponse, lambda r: r.data[0].rating == "like" and r.data[0].created_at.second == 48),
    Wire("file", "upload_file",  # multipart: the file part, then Dify's `user` form field
         UploadFileRequest.builder().request_body(UploadFileRequestBody.builder().file(b"h\xc3\xa9llo").file_name("h\u00e9llo.txt").user("u-1").build()).build(),
         "POST", "/v1/files/upload", {}, {"file": ("h\u00e9llo.txt", "text/plain", b"h\xc3\xa9llo"), "user": (None, "", b"u-1")},
         201, UPLOADED, UploadFileResponse, lambda r: r.id == UPLOADED["id"] and r.size == 10 and r.tenant_id is not None),
    Wire("file", "preview_file",  # not JSON: the file's bytes, its type and, as an attachment, its name
         PreviewFileRequest.builder().file_id(UPLOADED["id"]).as_attachment(True).user("u-1").build(),
         "GET", f"/v1/files/{UPLOADED['id']}/preview", {"as_attachment": "true", "user": "u-1"}, None,
         200, b"hello file", PreviewFileResponse, lambda r: r.content == b"hello file" and r.file_name == "h\u00e9llo.txt" and r.content_type == "application/octet-stream",
         (("Content-Type", "application/octet-stream"), ("Content-Disposition", "attachment; filename*=UTF-8''h%C3%A9llo.txt"))),
    Wire("human_input", "get_human_input_form",
         GetHumanInputFormRequest.builder().form_token(TOKEN).build(),
         "GET", f"/v1/form/human_input/{TOKEN}", {}, None,
         200, FORM, GetHumanInputFormResponse,
         lambda r: [i.type for i in r.inputs] == ["paragraph", "select"] and r.user_actions[0].id == "approve"),
    Wire("human_input", "submit_human_input_form",
         SubmitHumanInputFormRequest.builder().form_token(TOKEN).request_body(SubmitHumanInputFormRequestBody.builder().inputs({"comment": "ok", "reason": None}).action("approve").user("u-1").build()).build(),
         "POST", f"/v1/form/human_input/{TOKEN}", {}, {"inputs": {"comment": "ok", "reason": None}, "action": "approve", "user": "u-1"},
         200, {}, SubmitHumanInputFormResponse, lambda r: r.model_dump() == {}),
    Wire("audio", "audio_to_text",  # multipart: the audio part, then Dify's `user` form field
         AudioToTextRequest.builder().request_body(AudioToTextRequestBody.builder().file(b"ID3\x04").file_name("hi.mp3").mime_type("audio/mp3").user("u-1").build()).build(),
         "POST", "/v1/audio-to-text", {}, {"file": ("hi.mp3", "audio/mp3", b"ID3\x04"), "user": (None, "", b"u-1")},
         200, {"text": "hello"}, AudioToTextResponse, lambda r: r.text == "hello"),
    Wire("audio", "text_to_audio",  # not JSON: the speech's bytes and their type
         TextToAudioRequest.builder().request_body(TextToAudioRequestBody.builder().text("hello").voice("alloy").streaming(False).user("u-1").build()).build(),
         "POST", "/v1/text-to-audio", {}, {"text": "hello", "voice": "alloy", "streaming": False, "user": "u-1"},
         200, b"ID3\x04 speech", TextToAudioResponse, lambda r: r.content == b"ID3\x04 speech" and r.content_type == "audio/mpeg",
         (("Content-Type", "audio/mpeg"),)),
]
# fmt: on


@pytest.mark.parametrize("row", ROWS, ids=[row.api for row in ROWS])
def test_wire(row: Wire, mode: str, router: respx.MockRouter, client: Client, option: RequestOption) -> None:
    if isinstance(row.reply, bytes):
        reply = httpx.Response(row.status, content=row.reply, headers=row.reply_headers)
    else:
        reply = (
            httpx.Response(row.status, json=row.reply)
            if row.reply is not None
            else httpx.Response(row.status)
        )
    route = router.route(method=row.method, path=row.path).mock(return_value=reply)

    response = call(mode, getattr(client.chatflow.v1, row.resource), row.api, row.request, option)

    assert route.call_count == 1
    sent = route.calls.last.request
    assert dict(sent.url.params) == row.query
    assert sent_body(sent) == row.body
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
