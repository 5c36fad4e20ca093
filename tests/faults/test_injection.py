"""Ids, query values and headers from user input cannot change where a request goes or what it
carries: they stay inside their path segment, their query value or their header, or fail at build()."""

from __future__ import annotations

import contextlib

import pytest

from dify_oapi import DifyError, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody
from dify_oapi.testing.simulator import Simulator
from tests.conftest import call
from tests.faults.conftest import CHAT, KEY, USER, chat, make_client

# -- ids from user input stay inside their path segment -----------------------------------------------

HOSTILE_IDS = {
    "../../conversations": "..%2F..%2Fconversations",
    "..": "%2E%2E",
    ".": "%2E",
    "a/b": "a%2Fb",
    "a%2Fb": "a%252Fb",
    "x?user=other": "x%3Fuser%3Dother",
    "x#fragment": "x%23fragment",
    "x y\u00e9": "x%20y%C3%A9",
}


@pytest.mark.parametrize("raw", list(HOSTILE_IDS), ids=list(HOSTILE_IDS.values()))
def test_a_hostile_path_id_cannot_change_the_route(
    raw: str, sim: Simulator, option: RequestOption, mode: str
) -> None:
    client = make_client(sim)
    with pytest.raises(InvalidRequestError, match="message_id"):  # a UUID to Dify's route: refused unsent
        GetSuggestedQuestionsRequest.builder().message_id(raw).user(USER).build()
    body = StopChatMessageRequestBody.builder().user(USER).build()
    stop_builder = StopChatMessageRequest.builder().task_id(raw).request_body(body)
    if "/" in raw:  # Dify routes on the decoded path, where a "/" matches no route: refused unsent
        with pytest.raises(InvalidRequestError, match="task_id"):
            stop_builder.build()
        return
    stop = stop_builder.build()
    with contextlib.suppress(DifyError):
        call(mode, client.chatflow.v1.chatflow, "stop_chat_message", stop, option)
    seen = sim.requests[-1]
    assert (seen.method, seen.path) == ("POST", f"{CHAT}/{HOSTILE_IDS[raw]}/stop")
    assert seen.query == {} and seen.json == {"user": USER}


def test_a_hostile_query_value_stays_one_value(sim: Simulator, option: RequestOption) -> None:
    user = "u&user=evil#frag\r\nX: y"
    request = (
        GetSuggestedQuestionsRequest.builder()
        .message_id("3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e")
        .user(user)
        .build()
    )
    with pytest.raises(DifyError):
        make_client(sim).chatflow.v1.chatflow.get_suggested_questions(request, option)
    assert sim.requests[-1].query == {"user": user}
    assert "x" not in sim.requests[-1].headers


# -- headers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Trace-Id": "a\r\nX-Evil: 1"},
        {"X-Trace-Id": "a\nX-Evil: 1"},
        {"X-Trace-Id": "a\rX-Evil: 1"},
        {"X-Trace-Id": "a\x00b"},
        {"X-Evil: 1\r\nX-Trace-Id": "a"},
        {"X Trace": "a"},
        {"": "a"},
    ],
    ids=["crlf", "lf", "cr", "nul", "crlf-in-name", "space-in-name", "empty-name"],
)
def test_header_injection_is_rejected_at_build(headers: dict[str, str]) -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.headers"):
        RequestOption.builder().api_key(KEY).headers(headers).build()


def test_custom_headers_pass_but_cannot_replace_the_key(sim: Simulator) -> None:
    with pytest.raises(InvalidRequestError, match="'Authorization' is set by the client itself"):
        RequestOption.builder().api_key(KEY).headers({"Authorization": "Bearer app-someone-else"}).build()
    option = RequestOption.builder().api_key(KEY).headers({"X-Trace-Id": "trace-1"}).build()
    reply = make_client(sim).chatflow.v1.chatflow.send_chat_message(chat(), option)
    assert reply.answer
    assert sim.requests[-1].headers["x-trace-id"] == "trace-1"
