"""``RequestOption.extra_body`` / ``extra_query``: fields a newer Dify accepts, merged into what is sent,
never replacing a field the request declares, and checked for what JSON and a URL can carry."""

from __future__ import annotations

import json
import math

import pytest
import respx

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from tests.conftest import API_KEY, fixture_bytes
from tests.helpers import Driver, chat

PAGE = {"data": [], "has_more": False, "limit": 20}
BLOCKING = json.loads(fixture_bytes("chat_blocking.json"))


def test_extra_body_is_merged_into_the_json_sent(
    drive: Driver, router: respx.MockRouter, client: Client
) -> None:
    route = router.post("/v1/chat-messages").respond(200, json=BLOCKING)
    option = (
        RequestOption.builder()
        .api_key(API_KEY)
        .extra_body({"parent_message_id": "p-1", "trace": {"a": [1]}})
        .build()
    )
    drive.call(client.chatflow.v1.chatflow, "send_chat_message", chat("hi", "u-1"), option)
    sent = json.loads(route.calls.last.request.content)
    assert sent["parent_message_id"] == "p-1" and sent["trace"] == {"a": [1]}
    assert sent["query"] == "hi" and sent["user"] == "u-1" and sent["response_mode"] == "blocking"


def test_extra_query_is_added_to_the_query_string(
    drive: Driver, router: respx.MockRouter, client: Client
) -> None:
    route = router.get("/v1/conversations").respond(200, json=PAGE)
    option = RequestOption.builder().api_key(API_KEY).extra_query({"pinned": True, "depth": 2}).build()
    drive.call(
        client.chatflow.v1.conversation,
        "get_conversations",
        GetConversationsRequest.builder().user("u-1").build(),
        option,
    )
    params = dict(route.calls.last.request.url.params)
    assert params == {"user": "u-1", "pinned": "true", "depth": "2"}


CHAT = ("POST", "/v1/chat-messages", "chatflow", "send_chat_message", "SendChatMessageRequest")
LIST = ("GET", "/v1/conversations", "conversation", "get_conversations", "GetConversationsRequest")


@pytest.mark.parametrize(
    ("field", "name", "target"),
    [
        ("extra_body", "query", CHAT),
        ("extra_body", "inputs", CHAT),
        ("extra_body", "files", CHAT),  # declared, though unset here
        ("extra_query", "user", LIST),
        ("extra_query", "limit", LIST),
        ("extra_query", "sort_by", LIST),
    ],
)
def test_an_extra_never_replaces_a_declared_field_set_or_not(
    field: str,
    name: str,
    target: tuple[str, str, str, str, str],
    drive: Driver,
    router: respx.MockRouter,
    client: Client,
) -> None:
    method, path, resource, api, owner = target
    route = router.route(method=method, path=path).respond(200, json=BLOCKING if method == "POST" else PAGE)
    option = getattr(RequestOption.builder().api_key(API_KEY), field)({name: "x"}).build()
    request = chat("hi", "u-1") if method == "POST" else GetConversationsRequest.builder().user("u-1").build()
    with pytest.raises(InvalidRequestError, match=f"RequestOption.{field}\\['{name}'\\]: {owner} declares"):
        drive.call(getattr(client.chatflow.v1, resource), api, request, option)
    assert route.call_count == 0


def test_extra_body_on_a_request_without_a_body_is_refused(router: respx.MockRouter, client: Client) -> None:
    route = router.get("/v1/conversations").respond(200, json=PAGE)
    option = RequestOption.builder().api_key(API_KEY).extra_body({"x": 1}).build()
    with pytest.raises(
        InvalidRequestError, match="RequestOption.extra_body: GET /v1/conversations sends no JSON body"
    ):
        client.chatflow.v1.conversation.get_conversations(
            GetConversationsRequest.builder().user("u-1").build(), option
        )
    assert route.call_count == 0


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("extra_body", {"x": math.nan}, "cannot be sent as JSON"),
        ("extra_body", {"x": b"raw"}, "bytes cannot be sent as JSON"),
        ("extra_body", {"x": {"y": "\udc80"}}, "lone surrogate"),
        ("extra_body", {1: "x"}, "extra_body"),
        ("extra_query", {"x": math.inf}, "inf cannot be sent"),
        ("extra_query", {"x": [1]}, "extra_query"),
        ("extra_query", {"": "x"}, "empty parameter name"),
        ("extra_query", {"x": "\udc80"}, "lone surrogate"),
    ],
)
def test_what_json_or_a_url_cannot_carry_is_refused_at_build(field: str, value: object, problem: str) -> None:
    with pytest.raises(InvalidRequestError, match=f"RequestOption.{field}") as raised:
        getattr(RequestOption.builder().api_key(API_KEY), field)(value).build()
    assert problem in str(raised.value)
