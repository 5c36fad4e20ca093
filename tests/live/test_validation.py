"""The real Dify 1.14.2 accepts what the builders let through, and refuses what they refuse.

Accepted input goes out through the client. Refused input cannot (the builder stops it), so the
refusals are sent raw with httpx, to show that the server answers them with the code we predict.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dify_oapi import Client, InternalServerError, InvalidRequestError, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    AnnotationReplySettingsRequest,
    AnnotationReplySettingsRequestBody,
    DeleteConversationRequest,
    DeleteConversationRequestBody,
    GetAnnotationsRequest,
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
    GetSuggestedQuestionsRequest,
    SendChatMessageRequest,
    SendChatMessageRequestBody,
    StopChatMessageRequest,
    StopChatMessageRequestBody,
    UpdateConversationVariableRequestBody,
)

from .conftest import RealDify

COUNT = "7c1d9a52-2f0e-4a3b-9d61-0c4f1e2a3b01"  # the echo app's `count` variable (a number)


@pytest.fixture(scope="module")
def user() -> str:
    return f"builders-live-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="module")
def client(real_dify: RealDify) -> Iterator[Client]:
    with Client.builder().domain(real_dify.domain).build() as made:
        yield made


@pytest.fixture(scope="module")
def option(real_dify: RealDify) -> RequestOption:
    return RequestOption.builder().api_key(real_dify.key).build()


@pytest.fixture(scope="module")
def raw(real_dify: RealDify) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {real_dify.key}"}
    with httpx.Client(base_url=real_dify.domain + "/v1", headers=headers, timeout=30) as made:
        yield made


@pytest.fixture(scope="module")
def conversation(client: Client, option: RequestOption, user: str) -> Iterator[str]:
    """One conversation of this module's own user, deleted afterwards."""
    made = chat(client, option, user, conversation_id="")  # "" is "a new conversation" to Dify
    yield made
    owner = DeleteConversationRequestBody.builder().user(user).build()
    delete = DeleteConversationRequest.builder().conversation_id(made).request_body(owner).build()
    client.chatflow.v1.conversation.delete_conversation(delete, option)


def chat(client: Client, option: RequestOption, user: str, **fields: Any) -> str:
    body = SendChatMessageRequestBody.builder().query("hello").user(user)
    for name, value in fields.items():
        getattr(body, name)(value)
    request = SendChatMessageRequest.builder().request_body(body.build()).build()
    return client.chatflow.v1.chatflow.send_chat_message(request, option).conversation_id


# -- accepted ----------------------------------------------------------------------------------------


def test_blank_and_other_spellings_of_a_conversation_id(
    client: Client, option: RequestOption, user: str, conversation: str
) -> None:
    assert chat(client, option, user, conversation_id=conversation.upper()) == conversation
    assert chat(client, option, user, conversation_id=f" {conversation} ") == conversation
    assert chat(client, option, user, conversation_id="{" + conversation + "}") == conversation
    fresh = chat(client, option, user, conversation_id="  ", workflow_id="")
    assert fresh != conversation
    owner = DeleteConversationRequestBody.builder().user(user).build()
    delete = DeleteConversationRequest.builder().conversation_id(fresh).request_body(owner).build()
    client.chatflow.v1.conversation.delete_conversation(delete, option)


def test_empty_cursors_read_as_none(
    client: Client, option: RequestOption, user: str, conversation: str
) -> None:
    resource = client.chatflow.v1.conversation
    listed = resource.get_conversations(
        GetConversationsRequest.builder().user(user).last_id("").build(), option
    )
    assert conversation in [c.id for c in listed.data]
    history = GetConversationMessagesRequest.builder().conversation_id(conversation).user(user).first_id("")
    assert resource.get_conversation_messages(history.build(), option).data
    listing = GetConversationVariablesRequest.builder().conversation_id(conversation).user(user).last_id("")
    assert {v.name for v in resource.get_conversation_variables(listing.build(), option).data} >= {"count"}


def test_a_unicode_variable_name_passes_dify_s_rule(
    client: Client, option: RequestOption, user: str, conversation: str
) -> None:
    # Past the rule, PostgreSQL hits Dify's own bug (a 500); a name the rule refuses gets a 400 first.
    request = GetConversationVariablesRequest.builder().conversation_id(conversation).user(user)
    with pytest.raises(InternalServerError) as raised:
        client.chatflow.v1.conversation.get_conversation_variables(
            request.variable_name("名前").build(), option
        )
    assert raised.value.status == 500 and raised.value.code == "unknown"


def test_an_annotation_limit_above_100(client: Client, option: RequestOption) -> None:
    page = client.chatflow.v1.annotation.get_annotations(
        GetAnnotationsRequest.builder().limit(500).build(), option
    )
    assert page.limit == 500 and len(page.data) <= 100


def test_disable_with_empty_names_and_a_threshold_above_1(client: Client, option: RequestOption) -> None:
    body = AnnotationReplySettingsRequestBody.builder().score_threshold(1.5)
    body.embedding_provider_name("").embedding_model_name("")
    request = AnnotationReplySettingsRequest.builder().action("disable").request_body(body.build()).build()
    job = client.chatflow.v1.annotation.annotation_reply_settings(request, option)
    assert job.job_status in ("waiting", "processing")


def test_a_plain_task_id(client: Client, option: RequestOption, user: str) -> None:
    body = StopChatMessageRequestBody.builder().user(user).build()
    request = StopChatMessageRequest.builder().task_id("no-such-task").request_body(body).build()
    assert client.chatflow.v1.chatflow.stop_chat_message(request, option).result == "success"


def test_the_hyphenated_uuid_of_a_path_reaches_the_route(
    client: Client, option: RequestOption, user: str
) -> None:
    request = GetSuggestedQuestionsRequest.builder().message_id(str(uuid.uuid4()).upper()).user(user).build()
    with pytest.raises(NotFoundError) as raised:  # Dify's JSON 404, not werkzeug's HTML page
        client.chatflow.v1.chatflow.get_suggested_questions(request, option)
    assert raised.value.code == "not_found" and raised.value.message == "Message Not Exists."


# -- refused by both -------------------------------------------------------------------------------


def chat_json(user: str, **fields: Any) -> dict[str, Any]:
    return {"inputs": {}, "query": "hello", "user": user, "response_mode": "blocking", **fields}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"query": ""}, "query is required"),
        ({"conversation_id": "c-1"}, "conversation_id must be a valid UUID"),
        ({"workflow_id": "v2"}, "Invalid workflow_id format"),
    ],
)
def test_a_chat_we_refuse_dify_refuses_with_invalid_param(
    fields: dict[str, Any], message: str, raw: httpx.Client, user: str
) -> None:
    builder = SendChatMessageRequestBody.builder().query(fields.get("query", "hello")).user(user)
    for name in set(fields) - {"query"}:
        getattr(builder, name)(fields[name])
    with pytest.raises(InvalidRequestError):
        builder.build()
    answer = raw.post("/chat-messages", json=chat_json(user, **fields))
    assert answer.status_code == 400
    assert answer.json()["code"] in ("invalid_param", "bad_request") and message in answer.json()["message"]


def test_a_cursor_or_variable_name_we_refuse_dify_refuses(
    raw: httpx.Client, user: str, conversation: str
) -> None:
    answer = raw.get("/conversations", params={"user": user, "last_id": "c-1"})
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_param")
    path = f"/conversations/{conversation}/variables"
    answer = raw.get(path, params={"user": user, "variable_name": "a b"})
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_param")


def test_a_path_id_we_refuse_gets_dify_s_html_404(raw: httpx.Client, user: str) -> None:
    with pytest.raises(InvalidRequestError):
        GetSuggestedQuestionsRequest.builder().message_id("m-1").user(user).build()
    answer = raw.get("/messages/m-1/suggested", params={"user": user})
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("value", "value_type", "code", "message"),
    [
        (2.5, "integer", "invalid_param", "not supported value type integer"),
        (None, None, "bad_request", "expects number, but got none type"),
    ],
)
def test_a_variable_update_we_refuse_dify_refuses(
    value: Any, value_type: Any, code: str, message: str, raw: httpx.Client, user: str, conversation: str
) -> None:
    builder = UpdateConversationVariableRequestBody.builder().value(value)
    with pytest.raises(InvalidRequestError):
        (builder.value_type(value_type) if value_type else builder).build()
    answer = raw.put(f"/conversations/{conversation}/variables/{COUNT}", json={"value": value, "user": user})
    assert answer.status_code == 400
    assert answer.json()["code"] == code and message in answer.json()["message"]


def test_disable_without_the_embedding_names_is_refused_by_both(raw: httpx.Client) -> None:
    with pytest.raises(InvalidRequestError, match="embedding_provider_name: Field required"):
        AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).build()
    answer = raw.post("/apps/annotation-reply/disable", json={"score_threshold": 0.9})
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_param")
    assert "embedding_provider_name" in answer.json()["message"]
