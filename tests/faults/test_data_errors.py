"""No silent data errors: a delete that never happened, a chat sent twice behind a gateway, cookies
crossing API keys, pagination that goes round in a cycle."""

from __future__ import annotations

import json
import socket
import uuid
from typing import Any

import pytest

from dify_oapi import Client, InternalServerError, NotFoundError, RateLimitError, RequestOption
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.core.errors import ResponseValidationError
from dify_oapi.testing.simulator import Fault, Simulator
from tests.conftest import call
from tests.faults.conftest import ANNOTATIONS, BUSY, CHAT, DOWN, USER, chat, conversations, retries
from tests.faults.loopback import response, serve

ENVOY = b"upstream connect error or disconnect/reset before headers. reset reason: connection termination"


def delete(mode: str, client: Client, conversation_id: str) -> Any:
    body = DeleteConversationRequestBody.builder().user(USER).build()
    request = DeleteConversationRequest.builder().conversation_id(conversation_id).request_body(body).build()
    return call(mode, client.chatflow.v1.conversation, "delete_conversation", request, retries(2))


@pytest.mark.parametrize("refusal", [Fault.status(503, DOWN), Fault.status(429, BUSY)], ids=["503", "429"])
def test_a_delete_refused_then_404_is_not_found(
    refusal: Fault, sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    never_existed = str(uuid.uuid4())
    path = f"/v1/conversations/{never_existed}"
    sim.inject("DELETE", path, refusal)
    with pytest.raises(NotFoundError):
        delete(mode, client, never_existed)
    assert sim.count("DELETE", path) == 2 and len(slept) == 1


def test_a_delete_whose_reply_was_lost_then_404_is_done(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    gone = str(uuid.uuid4())
    path = f"/v1/conversations/{gone}"
    sim.inject("DELETE", path, Fault.reset())  # the request went out: Dify may have deleted it
    delete(mode, client, gone)
    assert sim.count("DELETE", path) == 2


@pytest.mark.parametrize("status", [503, 429])
def test_a_chat_behind_a_gateway_page_is_raised_not_resent(
    status: int, sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.raw(status, "text/plain", ENVOY))
    with pytest.raises((InternalServerError, RateLimitError)) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), retries(2))
    assert raised.value.code is None and "upstream connect error" in raised.value.message
    assert sim.count("POST", CHAT) == 1 and slept == []


def test_a_create_annotation_behind_a_gateway_page_is_not_resent(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", ANNOTATIONS, Fault.raw(503, "text/html", b"<html>503 Service Unavailable</html>"))
    body = CreateAnnotationRequestBody.builder().question("q").answer("a").build()
    request = CreateAnnotationRequest.builder().request_body(body).build()
    with pytest.raises(InternalServerError):
        call(mode, client.chatflow.v1.annotation, "create_annotation", request, retries(2))
    assert sim.count("POST", ANNOTATIONS) == 1 and slept == []


def test_a_chat_refused_in_difys_own_json_is_still_resent(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.status(503, DOWN))
    assert call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), retries(1)).answer
    assert sim.count("POST", CHAT) == 2


def page(ids: list[str], has_more: bool = True) -> bytes:
    data = [
        {"id": i, "name": i, "inputs": {}, "status": "normal", "created_at": 1, "updated_at": 1} for i in ids
    ]
    return json.dumps({"limit": 1, "has_more": has_more, "data": data}).encode()


A, B = str(uuid.UUID(int=1)), str(uuid.UUID(int=2))


def cycling(sock: socket.socket, request: bytes) -> None:
    """Pages A, B, A, B, ...: each page's cursor is valid, and the walk goes round forever."""
    target = request.split(b" ", 2)[1].decode()
    following = B if f"last_id={A}" in target else A
    sock.sendall(response("200 OK", page([following]), {"Content-Type": "application/json"}))


def test_pagination_stops_on_a_cursor_cycle(mode: str) -> None:
    with serve(cycling) as (url, received):
        client = Client.builder().domain(url).build()
        conversation = client.chatflow.v1.conversation
        seen: list[str] = []
        with pytest.raises(ResponseValidationError, match="cycle"):
            if mode == "sync":
                seen.extend(item.id for item in conversation.iter_conversations(conversations(), retries(0)))
            else:
                import asyncio

                async def walk() -> None:
                    async for item in conversation.aiter_conversations(conversations(), retries(0)):
                        seen.append(item.id)

                asyncio.run(walk())
        client.close()
    assert seen == [A, B, A] and len(received) == 3


def cookie_setter(sock: socket.socket, request: bytes) -> None:
    headers = {"Content-Type": "application/json", "Set-Cookie": "session=KEY-ONE-SESSION; Path=/"}
    sock.sendall(response("200 OK", page([], has_more=False), headers))


def test_a_cookie_from_one_reply_is_never_sent_with_another_request(mode: str) -> None:
    with serve(cookie_setter) as (url, received):
        client = Client.builder().domain(url).build()
        for key in ("app-one", "app-two"):
            option = RequestOption.builder().api_key(key).build()
            call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), option)
        client.close()
    assert len(received) == 2 and all(b"cookie:" not in request.lower() for request in received)
