"""The client's own key: ``Client.builder().api_key(...)``, ``DIFY_API_KEY`` and ``DIFY_BASE_URL``.

An option's key wins for its call; an option without one sends the client's; a call with no key
anywhere is refused before a byte goes out.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from tests.conftest import API_KEY, DOMAIN, fixture_bytes
from tests.faults.test_key import shown
from tests.helpers import Driver, chat

OTHER_KEY = "app-OTHER-MARKER-77aa"
PAGE = {"data": [], "has_more": False, "limit": 20}
CONVERSATIONS = GetConversationsRequest.builder().user("u-1").build()
BLOCKING = {
    "event": "message",
    "task_id": "t",
    "id": "m",
    "message_id": "m",
    "conversation_id": "c",
    "mode": "advanced-chat",
    "answer": "hi",
    "metadata": {},
    "created_at": 1,
}


@pytest.fixture(autouse=True)
def no_dify_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIFY_API_KEY", raising=False)
    monkeypatch.delenv("DIFY_BASE_URL", raising=False)


@pytest.fixture
def keyed() -> Iterator[Client]:
    with Client.builder().domain(DOMAIN).api_key(API_KEY).build() as made:
        yield made


def sent_key(router: respx.MockRouter) -> str:
    return router.calls.last.request.headers["authorization"].removeprefix("Bearer ")


def test_the_client_key_goes_out_without_an_option(
    drive: Driver, router: respx.MockRouter, keyed: Client
) -> None:
    router.get("/v1/conversations").respond(200, json=PAGE)
    assert drive.call(keyed.chatflow.v1.conversation, "get_conversations", CONVERSATIONS).data == []
    assert sent_key(router) == API_KEY


def test_an_option_key_wins_for_its_call_and_one_without_a_key_sends_the_client_key(
    drive: Driver, router: respx.MockRouter, keyed: Client
) -> None:
    router.get("/v1/conversations").respond(200, json=PAGE)
    conversation = keyed.chatflow.v1.conversation
    drive.call(
        conversation, "get_conversations", CONVERSATIONS, RequestOption.builder().api_key(OTHER_KEY).build()
    )
    assert sent_key(router) == OTHER_KEY
    drive.call(
        conversation, "get_conversations", CONVERSATIONS, RequestOption.builder().max_retries(0).build()
    )
    assert sent_key(router) == API_KEY


def test_a_chat_without_an_option_sends_the_client_key_blocking_and_streamed(
    drive: Driver, router: respx.MockRouter, keyed: Client
) -> None:
    route = router.post("/v1/chat-messages").respond(200, json=BLOCKING)
    assert drive.call(keyed.chatflow.v1.chatflow, "send_chat_message", chat("hi", "u-1")).answer == "hi"
    assert sent_key(router) == API_KEY
    route.respond(
        200, content=fixture_bytes("chat_stream_ok.sse"), headers={"content-type": "text/event-stream"}
    )
    assert drive.stream(keyed.chatflow.v1.chatflow, chat("hi", "u-1"), None, text=True)  # type: ignore[arg-type]
    assert sent_key(router) == API_KEY


def test_a_paged_walk_without_an_option_sends_the_client_key(
    drive: Driver, router: respx.MockRouter, keyed: Client
) -> None:
    router.get("/v1/conversations").respond(200, json=PAGE)
    assert drive.walk(keyed.chatflow.v1.conversation, "conversations", CONVERSATIONS, None) == []  # type: ignore[arg-type]
    assert sent_key(router) == API_KEY


def test_no_key_anywhere_is_refused_before_sending_and_says_what_to_set(
    drive: Driver, router: respx.MockRouter, client: Client
) -> None:
    route = router.get("/v1/conversations").respond(200, json=PAGE)
    with pytest.raises(InvalidRequestError) as raised:
        drive.call(client.chatflow.v1.conversation, "get_conversations", CONVERSATIONS)
    message = str(raised.value)
    assert "Client.builder().api_key" in message and "DIFY_API_KEY" in message
    assert "RequestOption.api_key" in message
    assert route.call_count == 0


def test_an_explicit_none_key_on_an_option_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.api_key: .*client's key"):
        RequestOption.builder().api_key(None).build()  # type: ignore[arg-type]


def test_dify_api_key_and_dify_base_url_are_read_when_the_builder_has_neither(
    drive: Driver, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIFY_API_KEY", API_KEY)
    monkeypatch.setenv("DIFY_BASE_URL", DOMAIN + "/v1/")
    router.get("/v1/conversations").respond(200, json=PAGE)
    with Client.builder().build() as client:
        assert client.config.domain == DOMAIN
        drive.call(client.chatflow.v1.conversation, "get_conversations", CONVERSATIONS)
    assert sent_key(router) == API_KEY


def test_the_builder_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter
) -> None:
    monkeypatch.setenv("DIFY_API_KEY", OTHER_KEY)
    monkeypatch.setenv("DIFY_BASE_URL", "http://elsewhere.invalid")
    router.get("/v1/conversations").respond(200, json=PAGE)
    with Client.builder().domain(DOMAIN).api_key(API_KEY).build() as client:
        client.chatflow.v1.conversation.get_conversations(CONVERSATIONS)
    assert sent_key(router) == API_KEY
    assert router.calls.last.request.url.host == httpx.URL(DOMAIN).host


def test_an_empty_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIFY_API_KEY", "")
    monkeypatch.setenv("DIFY_BASE_URL", "")
    client = Client.builder().build()
    assert client.config.api_key is None and client.config.domain == "https://api.dify.ai"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DIFY_API_KEY", f"{API_KEY}\n", "environment DIFY_API_KEY: must be non-empty printable ASCII"),
        ("DIFY_BASE_URL", "ftp://dify.test", "environment DIFY_BASE_URL: must start with http"),
    ],
)
def test_a_bad_variable_is_named_at_build(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(InvalidRequestError, match=expected) as raised:
        Client.builder().build()
    assert API_KEY not in str(raised.value)


@pytest.mark.parametrize("bad", ["", " app-x", "app-x\r\nX: 1", 42])
def test_a_bad_client_key_is_refused_at_build_without_echoing_it(bad: object) -> None:
    builder = Client.builder().api_key(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="Client.api_key") as raised:
        builder.build()
    # Its own frame holds `bad`; the frames from build() on must not.
    below_the_test = raised.tb.tb_next
    assert below_the_test is not None
    assert "app-x" not in shown(raised.value.with_traceback(below_the_test))
