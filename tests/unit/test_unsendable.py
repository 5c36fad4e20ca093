"""Nothing unsendable is sent: keys, headers, JSON values, domains and timeouts are refused at build()."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from dify_oapi import Client, InvalidRequestError, RequestOption
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

MARKER = "UNSENDABLE-MARKER-91"


@pytest.mark.parametrize(
    "key",
    [f"app-{MARKER} ", f" app-{MARKER}", f"app-{MARKER}\t", f"app-{MARKER}\udc80", f"app-{MARKER}é", ""],
    ids=["trailing-space", "leading-space", "tab", "lone-surrogate", "non-ascii", "empty"],
)
def test_a_key_http_cannot_carry_is_refused_without_showing_it(key: str) -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.api_key") as raised:
        RequestOption.builder().api_key(key).build()
    assert MARKER not in str(raised.value) and MARKER not in repr(raised.value.args)


@pytest.mark.parametrize(
    "value",
    ["v ", " v", "v\t", "\udc80", "é", "a\x7fb"],
    ids=["trail", "lead", "tab", "surrogate", "latin", "del"],
)
def test_a_header_value_http_cannot_carry_is_refused(value: str) -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.headers: .*'X-Trace'"):
        RequestOption.builder().api_key("app-k").headers({"X-Trace": value}).build()


@pytest.mark.parametrize(
    "name",
    ["Content-Length", "transfer-encoding", "Host", "Connection", "Upgrade", "Expect", "AUTHORIZATION"],
)
def test_framing_routing_and_auth_headers_are_the_clients_own(name: str) -> None:
    with pytest.raises(InvalidRequestError, match="is set by the client itself"):
        RequestOption.builder().api_key("app-k").headers({name: "x"}).build()


def test_ordinary_headers_pass() -> None:
    option = RequestOption.builder().api_key("app-k").headers({"X-Trace": "a b\tc", "X-Empty": ""}).build()
    assert option.headers == {"X-Trace": "a b\tc", "X-Empty": ""}


@pytest.mark.parametrize(
    ("inputs", "where"),
    [
        ({"n": float("nan")}, r"nan cannot be sent as JSON \(at \['n'\]\)"),
        ({"n": [1, float("inf")]}, r"inf cannot be sent as JSON \(at \['n'\]\[1\]\)"),
        ({"n": {"m": float("-inf")}}, r"-inf cannot be sent as JSON \(at \['n'\]\['m'\]\)"),
        ({"b": b"raw"}, r"bytes cannot be sent as JSON"),
        ({"s": "x\ud800"}, r"lone surrogate"),
        ({"\udfff": 1}, r"lone surrogate"),
    ],
    ids=["nan", "inf-in-list", "-inf-nested", "bytes", "surrogate-value", "surrogate-key"],
)
def test_values_json_cannot_carry_are_refused_naming_the_field(inputs: dict[str, Any], where: str) -> None:
    builder = SendChatMessageRequestBody.builder().query("q").user("u").inputs(inputs)
    with pytest.raises(InvalidRequestError, match=rf"SendChatMessageRequestBody\.inputs: .*{where}"):
        builder.build()


def test_surrogates_are_refused_in_text_query_and_float_fields() -> None:
    with pytest.raises(
        InvalidRequestError, match=r"SendChatMessageRequestBody\.query: .*(surrogate|unicode)"
    ):
        SendChatMessageRequestBody.builder().query("\udc80").user("u").build()
    with pytest.raises(InvalidRequestError, match=r"GetConversationsRequest\.user: "):
        GetConversationsRequest.builder().user("u\udc80").build()
    with pytest.raises(InvalidRequestError, match=r"AnnotationReplySettingsRequestBody\.score_threshold"):
        AnnotationReplySettingsRequestBody.builder().score_threshold(float("nan")).build()


@pytest.mark.parametrize(
    "domain",
    ["http://", "http://exa mple.com", "http://host:99999", "http://host/?q=1", "https://[::1", "ftp://h"],
)
def test_a_domain_that_is_no_base_url_is_refused(domain: str) -> None:
    with pytest.raises(InvalidRequestError, match="Client.domain"):
        Client.builder().domain(domain).build()


@pytest.mark.parametrize(
    "timeout",
    [
        -1,
        0,
        float("nan"),
        float("inf"),
        httpx.Timeout(5.0, read=-1.0),
        httpx.Timeout(5.0, connect=float("nan")),
    ],
)
def test_an_unusable_timeout_is_refused(timeout: float | httpx.Timeout) -> None:
    with pytest.raises(InvalidRequestError, match="Client.timeout"):
        Client.builder().timeout(timeout)
    with pytest.raises(InvalidRequestError, match="RequestOption.timeout"):
        RequestOption.builder().api_key("app-k").timeout(timeout).build()


def test_an_unset_timeout_phase_means_no_limit_and_is_allowed() -> None:
    assert Client.builder().timeout(httpx.Timeout(5.0, read=None)).build().config.timeout.read is None
