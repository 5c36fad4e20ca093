"""``<api>.with_raw_response(request)``: status, headers and ``parse()`` for every declared API, and
Dify's ``X-Trace-Id``/``X-Version``/``X-Env`` on raw responses, status errors and streams."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import APIStatusError, Client, InvalidRequestError, RequestOption, StreamEventError
from dify_oapi.api.chatflow.v1.model.send_chat_message_response import SendChatMessageResponse
from dify_oapi.core.raw import RawResponse
from tests.conftest import API_KEY, fixture_bytes
from tests.faults.test_key import stream_with_error_event
from tests.helpers import Driver, chat
from tests.wire.test_wire import ROWS, Wire

# What Dify 1.14.2 sends on every reply (captures); X-Trace-Id only with OpenTelemetry on.
DIFY = {"X-Version": "1.14.2", "X-Env": "PRODUCTION", "X-Trace-Id": "4bf92f3577b34da6a3ce929d0e0e4736"}


def raw_call(mode: str, resource: Any, name: str, *args: Any) -> RawResponse[Any]:
    if mode == "sync":
        return getattr(resource, name).with_raw_response(*args)  # type: ignore[no-any-return]
    return asyncio.run(getattr(resource, "a" + name).with_raw_response(*args))


@pytest.mark.parametrize("row", ROWS, ids=[row.api for row in ROWS])
def test_every_declared_api_gives_its_raw_response(
    row: Wire, mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    if isinstance(row.reply, bytes):  # a reply that is not JSON (a file preview) comes with its own headers
        content, headers = row.reply, dict(row.reply_headers)
    else:
        content, headers = (json.dumps(row.reply).encode() if row.reply is not None else b""), {}
    reply = httpx.Response(
        row.status, content=content, headers={**headers, **DIFY, "X-Request-Mark": row.api}
    )
    router.route(method=row.method, path=row.path).mock(return_value=reply)

    raw = raw_call(mode, getattr(client.chatflow.v1, row.resource), row.api, row.request, option)

    assert raw.status_code == row.status
    assert raw.headers["x-request-mark"] == row.api and raw.content == content
    assert (raw.trace_id, raw.dify_version, raw.dify_env) == (DIFY["X-Trace-Id"], "1.14.2", "PRODUCTION")
    parsed = raw.parse()
    assert isinstance(parsed, row.into) and row.check(parsed)


def test_a_status_error_carries_dify_headers_through_pickle(
    drive: Driver, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    body = {"code": "not_found", "message": "Conversation Not Exists.", "status": 404}
    router.get("/v1/conversations").respond(404, json=body, headers=DIFY)
    request = ROWS[2].request
    with pytest.raises(APIStatusError) as raised:
        drive.call(client.chatflow.v1.conversation, "get_conversations", request, option)
    error = pickle.loads(pickle.dumps(raised.value))
    assert (error.trace_id, error.dify_version, error.dify_env) == (
        DIFY["X-Trace-Id"],
        "1.14.2",
        "PRODUCTION",
    )
    assert error.status_code == 404


def test_a_gateway_error_has_no_dify_headers(
    drive: Driver, router: respx.MockRouter, client: Client, option: RequestOption, slept: list[float]
) -> None:
    router.get("/v1/conversations").respond(502, text="<html>Bad Gateway</html>")
    with pytest.raises(APIStatusError) as raised:
        drive.call(client.chatflow.v1.conversation, "get_conversations", ROWS[2].request, option)
    assert (raised.value.trace_id, raised.value.dify_version, raised.value.dify_env) == (None, None, None)


def test_a_stream_and_its_error_event_carry_dify_headers(
    router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    ok = fixture_bytes("chat_stream_ok.sse")
    route = router.post("/v1/chat-messages")
    route.respond(200, content=ok, headers={**DIFY, "content-type": "text/event-stream"})
    chatflow = client.chatflow.v1.chatflow
    with chatflow.send_chat_message(chat("hi", "u-1"), option, True) as stream:
        assert (stream.trace_id, stream.dify_version, stream.dify_env) == (
            DIFY["X-Trace-Id"],
            "1.14.2",
            "PRODUCTION",
        )
        list(stream)
    failing = stream_with_error_event()
    failing.headers.update(DIFY)
    route.mock(return_value=failing)
    with (
        pytest.raises(StreamEventError) as raised,
        chatflow.send_chat_message(chat("hi", "u-1"), option, True) as s,
    ):
        list(s)
    assert raised.value.dify_version == "1.14.2" and raised.value.trace_id == DIFY["X-Trace-Id"]


def test_raw_responses_of_a_status_error_still_raise(
    drive: Driver, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    router.get("/v1/conversations").respond(401, json={"code": "unauthorized", "message": "x", "status": 401})
    with pytest.raises(APIStatusError, match="401"):
        raw_call(drive.mode, client.chatflow.v1.conversation, "get_conversations", ROWS[2].request, option)
    assert router.calls.last.request.headers["authorization"] == f"Bearer {API_KEY}"


def test_a_blocking_chat_gives_its_raw_response(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    recorded = fixture_bytes("chat_blocking.json")
    route = router.post("/v1/chat-messages").respond(
        200, content=recorded, headers={**DIFY, "content-type": "application/json"}
    )

    raw = raw_call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat("hi", "u-1"), option)

    assert json.loads(route.calls.last.request.content)["response_mode"] == "blocking"
    assert (raw.status_code, raw.content, raw.dify_version) == (200, recorded, "1.14.2")
    reply = raw.parse()
    assert isinstance(reply, SendChatMessageResponse)
    assert (
        reply.answer == json.loads(recorded)["answer"]
        and reply.message_id == json.loads(recorded)["message_id"]
    )


def test_a_streamed_chat_has_no_raw_form(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    route = router.post("/v1/chat-messages").respond(200, json={})
    streamed = chat("hi", "u-1", response_mode="streaming")
    with pytest.raises(InvalidRequestError, match="response_mode: 'streaming' contradicts stream=False"):
        raw_call(mode, client.chatflow.v1.chatflow, "send_chat_message", streamed, option)
    # No stream= to ask for one either: a stream carries its headers itself (trace_id, dify_version).
    chatflow = client.chatflow.v1.chatflow
    send = chatflow.send_chat_message if mode == "sync" else chatflow.asend_chat_message
    with pytest.raises(TypeError, match="unexpected keyword argument 'stream'"):
        send.with_raw_response(chat("hi", "u-1"), option, stream=True)  # type: ignore[call-arg]
    assert not route.called
