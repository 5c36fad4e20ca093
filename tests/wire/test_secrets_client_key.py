"""The client's own key (builder or ``DIFY_API_KEY``) stays as hidden as an option's key."""

from __future__ import annotations

import gc
import logging
import pickle
from collections.abc import Iterator

import pytest
import respx

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from tests.conftest import API_KEY, DOMAIN
from tests.faults.test_key import raise_through, shown

MARKER = API_KEY.removeprefix("app-")

NO_KEY = RequestOption.builder().max_retries(0).build()


@pytest.fixture(params=["builder", "environment"])
def keyed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    builder = Client.builder().domain(DOMAIN)
    if request.param == "builder":
        builder.api_key(API_KEY)
    else:
        monkeypatch.setenv("DIFY_API_KEY", API_KEY)
    with builder.build() as made:
        yield made


@pytest.mark.parametrize("case", ["401", "500", "timeout", "mid-stream error"])
def test_the_client_key_is_absent_from_logs_reprs_errors_and_tracebacks(
    case: str,
    router: respx.MockRouter,
    keyed: Client,
    caplog: pytest.LogCaptureFixture,
    slept: list[float],
) -> None:
    caplog.set_level(logging.DEBUG)
    error = raise_through(router, keyed, NO_KEY, case)
    assert router.calls.last.request.headers["authorization"] == f"Bearer {API_KEY}"  # it was sent
    assert error.__context__ is None and error.__cause__ is None
    seen = (
        shown(error)
        + caplog.text
        + repr(keyed)
        + repr(keyed.config)
        + repr(pickle.loads(pickle.dumps(error)))
    )
    assert MARKER not in seen


def test_the_client_builder_never_holds_the_key_in_clear() -> None:
    builder = Client.builder().api_key(API_KEY)
    assert MARKER not in repr(vars(builder)) and MARKER not in repr(builder._config)


def test_a_raw_response_exposes_no_request_header(router: respx.MockRouter, keyed: Client) -> None:
    router.get("/v1/conversations").respond(200, json={"data": [], "has_more": False, "limit": 20})
    request = GetConversationsRequest.builder().user("u-1").build()
    raw = keyed.chatflow.v1.conversation.get_conversations.with_raw_response(request)
    assert router.calls.last.request.headers["authorization"] == f"Bearer {API_KEY}"
    assert "authorization" not in raw.headers
    reachable = repr(raw) + repr(raw.headers) + repr(vars(raw)) + repr(raw.parse())
    assert MARKER not in reachable
    # What the raw response keeps alive (its parse closure) holds the request only after the key left it.
    kept = [obj for obj in gc.get_referents(raw._parse) if MARKER in repr(obj)]
    assert kept == []


def test_a_key_from_the_environment_is_never_quoted_when_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIFY_API_KEY", f"{API_KEY} ")
    with pytest.raises(InvalidRequestError) as raised:
        Client.builder().build()
    assert MARKER not in shown(raised.value)
