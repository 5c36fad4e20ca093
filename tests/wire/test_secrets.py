"""The API key never shows up in logs, reprs, exception text or tracebacks with locals."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable

import httpx
import pytest
import respx

from dify_oapi import Client, DifyError, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.testing.sse import encode_event
from tests.conftest import API_KEY, fixture_bytes

MARKER = API_KEY.removeprefix("app-")
CHAT = "/v1/chat-messages"


def chat() -> SendChatMessageRequest:
    body = SendChatMessageRequestBody.builder().query("hi").user("u-1").build()
    return SendChatMessageRequest.builder().request_body(body).build()


INVALID_KEY = next(
    c for c in json.loads(fixture_bytes("error_bodies.json")) if c["case"] == "invalid_api_key"
)


def stream_with_error_event() -> httpx.Response:
    error = {"event": "error", "conversation_id": "c", "message_id": "m", "created_at": 1}
    frame = encode_event({**error, "code": "invalid_param", "status": 400, "message": "Run failed: x"})
    return httpx.Response(200, content=frame, headers={"content-type": "text/event-stream"})


REPLIES: dict[str, Callable[[], httpx.Response]] = {
    "401": lambda: httpx.Response(401, json=INVALID_KEY["body"], headers=INVALID_KEY["headers"]),
    "500": lambda: httpx.Response(
        500, json={"code": "unknown", "message": "Internal Server Error", "status": 500}
    ),
    "mid-stream error": stream_with_error_event,
}


def raise_through(router: respx.MockRouter, client: Client, option: RequestOption, case: str) -> DifyError:
    route = router.post(CHAT)
    if case == "timeout":
        route.mock(side_effect=httpx.ReadTimeout("timed out"))
    else:
        route.mock(side_effect=lambda _: REPLIES[case]())
    with (
        pytest.raises(DifyError) as raised,
        client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as s,
    ):
        list(s)
    return raised.value


def shown(exc: BaseException) -> str:
    with_locals = "".join(traceback.TracebackException.from_exception(exc, capture_locals=True).format())
    return str(exc) + repr(exc) + with_locals


@pytest.mark.parametrize("case", ["401", "500", "timeout", "mid-stream error"])
def test_key_absent_from_logs_reprs_errors_and_tracebacks(
    case: str,
    router: respx.MockRouter,
    client: Client,
    option: RequestOption,
    caplog: pytest.LogCaptureFixture,
    slept: list[float],
) -> None:
    caplog.set_level(logging.DEBUG)
    error = raise_through(router, client, option, case)
    assert router.calls.last.request.headers["authorization"] == f"Bearer {API_KEY}"  # it was sent
    assert error.__context__ is None and error.__cause__ is None  # no httpx error (its request has the key)
    seen = shown(error) + caplog.text + repr(client) + repr(option) + repr(chat()) + str(option.model_dump())
    assert MARKER not in seen


def test_a_rejected_option_does_not_echo_the_key() -> None:
    with pytest.raises(InvalidRequestError) as raised:
        RequestOption.builder().api_key(API_KEY).max_retries(-1).build()
    assert "RequestOption.max_retries" in str(raised.value) and MARKER not in shown(raised.value)
    assert raised.value.__context__ is None  # pydantic's error would keep the input, key included


def test_the_option_builder_never_holds_the_key_in_clear() -> None:
    builder = RequestOption.builder().api_key(API_KEY)
    assert MARKER not in repr(vars(builder))


@pytest.mark.parametrize("bad", ["", "   ", "key\r\nX-Injected: 1", 12345, None])
def test_bad_keys_fail_at_build(bad: object) -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.api_key"):
        RequestOption.builder().api_key(bad).build()  # type: ignore[arg-type]


def test_header_values_with_line_breaks_fail_at_build() -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.headers"):
        RequestOption.builder().api_key(API_KEY).headers({"X-Trace-Id": "a\r\nX-Evil: 1"}).build()
