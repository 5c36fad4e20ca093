"""The client's key, ``DIFY_API_KEY``/``DIFY_BASE_URL``, raw responses and Dify's own headers against
the real Dify 1.14.2. Each scenario is a user of its own; the conversation it makes is deleted."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from dify_oapi import AuthenticationError, Client, InvalidRequestError, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import GetConversationMessagesRequest
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from tests.helpers import chat
from tests.live.conftest import RealDify


def user() -> str:
    return f"ergo-{uuid.uuid4().hex[:12]}"


def forget(client: Client, conversation_id: str, who: str) -> None:
    body = DeleteConversationRequestBody.builder().user(who).build()
    request = DeleteConversationRequest.builder().conversation_id(conversation_id).request_body(body).build()
    client.chatflow.v1.conversation.delete_conversation(request)


def test_the_environment_alone_configures_a_client_that_chats(
    real_dify: RealDify, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIFY_BASE_URL", real_dify.domain + "/v1")
    monkeypatch.setenv("DIFY_API_KEY", real_dify.key)
    who = user()
    with Client.builder().build() as client:
        reply = client.chatflow.v1.chatflow.send_chat_message(chat("ergonomics", who))
        assert reply.answer.startswith("You said: ergonomics")
        page = client.chatflow.v1.conversation.get_conversations(
            GetConversationsRequest.builder().user(who).build()
        )
        assert [c.id for c in page.data] == [reply.conversation_id]
        forget(client, reply.conversation_id, who)


def test_an_option_key_wins_and_an_option_without_one_uses_the_client_key(real_dify: RealDify) -> None:
    who = user()
    request = GetConversationsRequest.builder().user(who).build()
    with Client.builder().domain(real_dify.domain).api_key("app-not-a-real-key-0000").build() as client:
        conversation = client.chatflow.v1.conversation
        with pytest.raises(AuthenticationError):
            conversation.get_conversations(request, RequestOption.builder().max_retries(0).build())
        assert (
            conversation.get_conversations(
                request, RequestOption.builder().api_key(real_dify.key).build()
            ).data
            == []
        )


def test_no_key_anywhere_is_refused_before_reaching_the_server(
    real_dify: RealDify, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIFY_API_KEY", raising=False)
    with (
        Client.builder().domain(real_dify.domain).build() as client,
        pytest.raises(InvalidRequestError, match="DIFY_API_KEY"),
    ):
        client.chatflow.v1.conversation.get_conversations(
            GetConversationsRequest.builder().user(user()).build()
        )


def test_raw_responses_and_dify_headers_from_the_real_server(real_dify: RealDify) -> None:
    who = user()
    with Client.builder().domain(real_dify.domain).api_key(real_dify.key).build() as client:
        with client.chatflow.v1.chatflow.send_chat_message(chat("raw", who), stream=True) as stream:
            list(stream)
            # Dify 1.14.2 sends X-Version and X-Env on every reply; X-Trace-Id only with OpenTelemetry on.
            assert (stream.dify_version, stream.dify_env, stream.trace_id) == ("1.14.2", "PRODUCTION", None)
        page = client.chatflow.v1.conversation.get_conversations.with_raw_response(
            GetConversationsRequest.builder().user(who).build()
        )
        assert page.status_code == 200 and page.headers["content-type"] == "application/json"
        assert (page.dify_version, page.dify_env) == ("1.14.2", "PRODUCTION")
        conversation_id = page.parse().data[0].id
        history = asyncio.run(
            client.chatflow.v1.conversation.aget_conversation_messages.with_raw_response(
                GetConversationMessagesRequest.builder().conversation_id(conversation_id).user(who).build()
            )
        )
        assert history.parse().data[0].query == "raw"
        forget(client, conversation_id, who)
        with pytest.raises(NotFoundError) as raised:
            forget(client, conversation_id, who)
        assert (raised.value.dify_version, raised.value.dify_env, raised.value.trace_id) == (
            "1.14.2",
            "PRODUCTION",
            None,
        )
