"""Every retry test: what is resent, how long it waits, what it logs.

Most run on real sockets against the simulator; the last few inject the failure through respx,
where it must be raised at an exact point of the exchange (a ``ConnectError`` or a ``ReadTimeout``
from httpx itself)."""

from __future__ import annotations

import email.utils
import logging
import time

import httpx
import pytest
import respx

from dify_oapi import (
    APIConnectionError,
    APITimeoutError,
    Client,
    InternalServerError,
    RateLimitError,
    RequestOption,
)
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody
from dify_oapi.testing.simulator import Fault, Simulator
from tests import helpers
from tests.conftest import call, fixture_bytes
from tests.faults.conftest import (
    ANNOTATIONS,
    BUSY,
    CHAT,
    CONVERSATIONS,
    DOWN,
    KEY,
    MARKER,
    MESSAGE,
    USER,
    chat,
    conversations,
    make_client,
    retries,
)
from tests.wire.test_transport import SUGGESTED, suggested

GATEWAY_PAGE = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


def get(mode: str, client: Client, option: RequestOption) -> object:
    return call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), option)


def test_backoff_is_exponential_jittered_and_capped(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN), times=11)
    with pytest.raises(InternalServerError) as raised:
        get(mode, client, retries(10))
    assert raised.value.retries == 10 and sim.count("GET", CONVERSATIONS) == 11
    nominal = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0]  # 0.5 s * 2**n, capped at 8 s
    ratios = [delay / expected for delay, expected in zip(slept, nominal, strict=True)]
    assert all(0.75 <= ratio <= 1.25 for ratio in ratios)
    assert len({round(ratio, 6) for ratio in ratios}) > 1  # jittered, so clients do not retry in step


def test_jitter_spreads_the_first_delay(sim: Simulator, client: Client, slept: list[float]) -> None:
    for _ in range(20):
        sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN))
        get("sync", client, retries(1))
    assert len(slept) == 20 and all(0.375 <= delay <= 0.625 for delay in slept)
    assert max(slept) - min(slept) > 0.05


@pytest.mark.parametrize(
    ("retry_after", "low", "high"),
    [("2", 2.0, 2.0), ("0", 0.0, 0.0), ("60", 60.0, 60.0), ("soon", 0.375, 0.625)],
    ids=["seconds", "zero", "the-cap-itself", "unparsable-falls-back-to-backoff"],
)
def test_retry_after_is_honoured_up_to_a_cap(
    retry_after: str, low: float, high: float, sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, Fault.status(429, BUSY, {"Retry-After": retry_after}))
    reply = call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), retries(1))
    assert reply.answer and sim.count("POST", CHAT) == 2  # refused before any work: safe to resend
    assert len(slept) == 1 and low <= slept[0] <= high


def test_retry_after_as_an_http_date(sim: Simulator, client: Client, slept: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN, {"Retry-After": when}))
    get("sync", client, retries(1))
    assert len(slept) == 1 and 27.0 <= slept[0] <= 30.5


def test_the_quota_429_is_not_retried(sim: Simulator, client: Client, slept: list[float], mode: str) -> None:
    quota = {"code": "rate_limit_error", "message": "Rate Limit Error", "status": 429}
    sim.inject("POST", CHAT, Fault.status(429, quota, {"Retry-After": "1"}), times=3)
    with pytest.raises(RateLimitError) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), retries(2))
    assert raised.value.code == "rate_limit_error" and raised.value.retries == 0 and slept == []


def test_retries_are_logged_at_info_without_secrets_or_query(
    sim: Simulator, client: Client, slept: list[float], caplog: pytest.LogCaptureFixture, mode: str
) -> None:
    caplog.set_level(logging.INFO, logger="dify_oapi")
    sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN), times=2)
    get(mode, client, retries(2))
    records = [r for r in caplog.records if r.name == "dify_oapi" and r.levelno == logging.INFO]
    messages = [r.getMessage() for r in records]
    assert len(messages) == 2
    assert messages[0].startswith(f"retrying GET {CONVERSATIONS} in ")
    assert messages[0].endswith("(retry 1 of 2) after HTTP 503") and "(retry 2 of 2)" in messages[1]
    assert MARKER not in caplog.text and USER not in caplog.text and "Bearer" not in caplog.text


def test_max_retries_per_client_and_per_request(sim: Simulator, slept: list[float], mode: str) -> None:
    client = make_client(sim, max_retries=1)
    option = RequestOption.builder().api_key(KEY).build()
    for override, sent in [(None, 2), (3, 4), (0, 1)]:
        chosen = option if override is None else retries(override)
        before = sim.count("GET", CONVERSATIONS)
        sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN), times=sent)
        with pytest.raises(InternalServerError) as raised:
            get(mode, client, chosen)
        assert sim.count("GET", CONVERSATIONS) - before == sent and raised.value.retries == sent - 1


@pytest.mark.parametrize(
    "fault",
    [
        Fault.reset(),
        Fault.raw(502, "text/html", GATEWAY_PAGE),
        Fault.status(500, {"code": "internal_server_error", "message": "x", "status": 500}),
        Fault.raw(504, "text/html", b"<html>504 Gateway Time-out</html>"),
        Fault.stream([b'{"event": "message", "ans'], "close"),
    ],
    ids=["reset", "502", "500", "504", "body-cut"],
)
def test_chat_post_is_never_resent_once_sent(
    fault: Fault, sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    sim.inject("POST", CHAT, fault, times=3)
    with pytest.raises((APIConnectionError, InternalServerError)) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), retries(5))
    assert sim.count("POST", CHAT) == 1 and slept == [] and raised.value.retries == 0


def test_chat_post_is_not_resent_after_a_read_timeout_before_the_status_line(
    option: RequestOption, slept: list[float], mode: str
) -> None:
    # A blocking chat answers only when the run is done: ~10 chunks x 0.2 s here.
    with Simulator(api_key=KEY, chunk_delay=0.2) as slow:
        client = make_client(slow, timeout=httpx.Timeout(5.0, read=0.3))
        with pytest.raises(APITimeoutError) as raised:
            call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), retries(5))
        assert slow.count("POST", CHAT) == 1 and slept == [] and raised.value.retries == 0


def test_create_annotation_is_never_resent_but_stop_is(
    sim: Simulator, client: Client, slept: list[float], mode: str
) -> None:
    body = CreateAnnotationRequestBody.builder().question("q").answer("a").build()
    create = CreateAnnotationRequest.builder().request_body(body).build()
    sim.inject("POST", ANNOTATIONS, Fault.raw(502, "text/html", GATEWAY_PAGE), times=3)
    with pytest.raises(InternalServerError):
        call(mode, client.chatflow.v1.annotation, "create_annotation", create, retries(2))
    assert sim.count("POST", ANNOTATIONS) == 1
    stop_body = StopChatMessageRequestBody.builder().user(USER).build()
    stop = StopChatMessageRequest.builder().task_id("t-1").request_body(stop_body).build()
    sim.inject("POST", f"{CHAT}/t-1/stop", Fault.raw(502, "text/html", GATEWAY_PAGE), times=2)
    assert call(mode, client.chatflow.v1.chatflow, "stop_chat_message", stop, retries(2)).result == "success"
    assert sim.count("POST", f"{CHAT}/t-1/stop") == 3 and len(slept) == 2


def test_a_full_pool_is_retried_then_raises_a_timeout(sim: Simulator, slept: list[float]) -> None:
    client = make_client(
        sim, limits=httpx.Limits(max_connections=2), timeout=httpx.Timeout(5.0, read=5.0, pool=0.1)
    )
    sim.inject("POST", CHAT, Fault.stream([MESSAGE], "stall"), times=2)
    held = [client.chatflow.v1.chatflow.send_chat_message(chat(), retries(0), True) for _ in range(2)]
    with pytest.raises(APITimeoutError, match="PoolTimeout") as raised:
        client.chatflow.v1.chatflow.send_chat_message(chat(), retries(2))
    assert raised.value.retries == 2 and sim.count("POST", CHAT) == 2  # the third never left
    for stream in held:
        stream.close()
    assert client.chatflow.v1.chatflow.send_chat_message(chat(), retries(0)).answer


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.stream([b'{"limit": 20, "has'], "close"), APIConnectionError),
        (Fault.stream([b'{"limit": 20, "has'], "stall"), APITimeoutError),
    ],
    ids=["body-cut", "body-stalled"],
)
def test_a_body_that_breaks_after_its_status_line_is_reported_not_retried(
    fault: Fault, error: type[APIConnectionError], sim: Simulator, slept: list[float], mode: str
) -> None:
    # retry.py: only failures before the status line are retried; after it the error says what happened.
    client = make_client(sim, timeout=httpx.Timeout(5.0, read=0.3))
    sim.inject("GET", CONVERSATIONS, fault, times=2)
    with pytest.raises(error) as raised:
        get(mode, client, retries(2))
    assert type(raised.value) is error and raised.value.retries == 0
    assert (raised.value.method, raised.value.url) == ("GET", CONVERSATIONS)
    assert sim.count("GET", CONVERSATIONS) == 1 and slept == []


def test_connection_refused_is_retried_then_raised(
    option: RequestOption, slept: list[float], mode: str
) -> None:
    with Simulator() as gone:
        domain = gone.url  # a port that was just listening and is now closed
    client = Client.builder().domain(domain).build()
    with pytest.raises(APIConnectionError) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), option)
    assert type(raised.value) is APIConnectionError and "ConnectError" in str(raised.value)
    # Nothing reached a server, so even the chat POST may be tried again.
    assert raised.value.retries == 2 and len(slept) == 2


# -- the same policy with the failure raised by httpx at an exact point, through respx ---------------


def wire_chat() -> SendChatMessageRequest:
    return helpers.chat("hi", "u-1")


def test_get_is_retried_on_503_honouring_retry_after(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float], mode: str
) -> None:
    route = router.get(SUGGESTED)
    route.side_effect = [
        httpx.Response(
            503, headers={"Retry-After": "3"}, json={"code": "x", "message": "busy", "status": 503}
        ),
        httpx.Response(200, json={"result": "success", "data": ["q?"]}),
    ]
    reply = call(
        mode, respx_client.chatflow.v1.chatflow, "get_suggested_questions", suggested(), respx_option
    )
    assert reply.data == ["q?"] and route.call_count == 2 and slept == [3.0]


def test_retries_stop_at_max_retries_and_the_error_counts_them(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float], mode: str
) -> None:
    route = router.get(SUGGESTED).respond(500, json={"code": "unknown", "message": "boom", "status": 500})
    with pytest.raises(InternalServerError) as raised:
        call(mode, respx_client.chatflow.v1.chatflow, "get_suggested_questions", suggested(), respx_option)
    assert route.call_count == 3 and raised.value.retries == 2 and len(slept) == 2
    assert all(0.3 <= delay <= 1.3 for delay in slept)  # 0.5 s then 1 s, ±25% jitter


def test_chat_post_is_never_resent_after_a_500(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float], mode: str
) -> None:
    route = router.post(CHAT).respond(
        500, json={"code": "internal_server_error", "message": "x", "status": 500}
    )
    with pytest.raises(InternalServerError):
        call(mode, respx_client.chatflow.v1.chatflow, "send_chat_message", wire_chat(), respx_option)
    assert route.call_count == 1 and slept == []


def test_chat_post_is_never_resent_after_a_read_timeout(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float], mode: str
) -> None:
    route = router.post(CHAT).mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(APITimeoutError) as raised:
        call(mode, respx_client.chatflow.v1.chatflow, "send_chat_message", wire_chat(), respx_option)
    assert route.call_count == 1 and slept == [] and raised.value.retries == 0


def test_chat_post_is_retried_when_nothing_reached_the_server(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float], mode: str
) -> None:
    route = router.post(CHAT)
    route.side_effect = [
        httpx.ConnectError("refused"),
        httpx.Response(200, content=fixture_bytes("chat_blocking.json")),
    ]
    reply = call(mode, respx_client.chatflow.v1.chatflow, "send_chat_message", wire_chat(), respx_option)
    assert reply.mode == "advanced-chat" and route.call_count == 2 and len(slept) == 1


def test_429_too_many_requests_is_retried(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float]
) -> None:
    route = router.post(CHAT)
    route.side_effect = [
        httpx.Response(429, json={"code": "too_many_requests", "message": "slow down", "status": 429}),
        httpx.Response(200, content=fixture_bytes("chat_blocking.json")),
    ]
    assert (
        respx_client.chatflow.v1.chatflow.send_chat_message(wire_chat(), respx_option).mode == "advanced-chat"
    )
    assert route.call_count == 2 and len(slept) == 1


def test_429_rate_limit_error_is_the_quota_and_is_not_retried(
    router: respx.MockRouter, respx_client: Client, respx_option: RequestOption, slept: list[float]
) -> None:
    quota = {"code": "rate_limit_error", "message": "Rate Limit Error", "status": 429}
    route = router.post(CHAT).respond(429, json=quota)
    with pytest.raises(RateLimitError) as raised:
        respx_client.chatflow.v1.chatflow.send_chat_message(wire_chat(), respx_option)
    assert raised.value.code == "rate_limit_error" and route.call_count == 1 and slept == []
