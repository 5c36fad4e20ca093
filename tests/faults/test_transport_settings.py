"""``proxy``, ``verify`` and the pool sizes: checked at ``build()``, applied to the clients we make."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
from pathlib import Path

import certifi
import pytest

from dify_oapi import Client, InvalidRequestError
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from tests.conftest import API_KEY
from tests.faults.loopback import response, serve

PAGE = json.dumps({"data": [], "has_more": False, "limit": 20}).encode()
REQUEST = GetConversationsRequest.builder().user("u-1").build()


def answer(sock: socket.socket, head: bytes) -> None:
    sock.sendall(response("200 OK", PAGE, {"Content-Type": "application/json"}))


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_calls_go_through_the_proxy_given(mode: str) -> None:
    with serve(answer) as (proxy, received):
        # The domain does not resolve: only the proxy can answer.
        client = Client.builder().domain("http://dify.invalid").api_key(API_KEY).proxy(proxy).build()
        conversation = client.chatflow.v1.conversation
        if mode == "sync":
            page = conversation.get_conversations(REQUEST)
        else:
            page = asyncio.run(conversation.aget_conversations(REQUEST))
        client.close()
    assert page.data == []
    assert received[0].startswith(b"GET http://dify.invalid/v1/conversations?user=u-1 HTTP/1.1")


def test_the_proxy_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # discard port: nothing answers there
    with (
        serve(answer) as (proxy, received),
        Client.builder().domain("http://dify.invalid").api_key(API_KEY).proxy(proxy).build() as client,
    ):
        client.chatflow.v1.conversation.get_conversations(REQUEST)
    assert len(received) == 1


@pytest.mark.parametrize(
    ("proxy", "problem"),
    [
        ("ftp://proxy:21", "must be http://, https://, socks5://"),
        ("http://", "must be http.* with a host"),
        (3128, "must be a URL str"),
    ],
)
def test_a_bad_proxy_is_refused(proxy: object, problem: str) -> None:
    with pytest.raises(InvalidRequestError, match=f"Client.proxy: {problem}"):
        Client.builder().proxy(proxy)  # type: ignore[arg-type]


def test_a_refused_proxy_never_quotes_its_password() -> None:
    with pytest.raises(InvalidRequestError) as raised:
        Client.builder().proxy("gopher://user:PROXY-PASSWORD@proxy:70")
    assert "PROXY-PASSWORD" not in str(raised.value)
    client = Client.builder().proxy("http://user:PROXY-PASSWORD@proxy:3128").build()
    assert "PROXY-PASSWORD" not in repr(client.config) + repr(client)


def test_verify_loads_a_ca_bundle_file_or_directory_once(tmp_path: Path) -> None:
    assert isinstance(Client.builder().verify(certifi.where()).build().config.verify, ssl.SSLContext)
    (tmp_path / "ca.pem").write_bytes(Path(certifi.where()).read_bytes())
    assert isinstance(Client.builder().verify(tmp_path).build().config.verify, ssl.SSLContext)
    context = ssl.create_default_context()
    assert Client.builder().verify(context).build().config.verify is context
    assert Client.builder().verify(False).build().config.verify is False


@pytest.mark.parametrize(
    ("bundle", "problem"),
    [
        ("missing.pem", "cannot load the CA bundle"),
        ("junk.pem", "cannot load the CA bundle"),
        (None, "must be"),
    ],
)
def test_a_bad_ca_bundle_is_refused_at_the_setter(tmp_path: Path, bundle: str | None, problem: str) -> None:
    (tmp_path / "junk.pem").write_text("not a certificate")
    verify = None if bundle is None else str(tmp_path / bundle)
    with pytest.raises(InvalidRequestError, match=f"Client.verify: {problem}"):
        Client.builder().verify(verify)  # type: ignore[arg-type]


def test_pool_sizes_reach_the_limits_and_are_checked() -> None:
    client = Client.builder().max_connections(8).max_keepalive_connections(2).build()
    limits = client.config.limits
    assert (limits.max_connections, limits.max_keepalive_connections) == (8, 2)
    assert client._transport._pools.sync_client()._transport._pool._max_connections == 8  # type: ignore[attr-defined]
    with pytest.raises(
        InvalidRequestError, match="Client.max_keepalive_connections: 9 is more than max_connections"
    ):
        Client.builder().max_connections(8).max_keepalive_connections(9).build()
    with pytest.raises(InvalidRequestError, match="Client.max_connections: must be at least 1"):
        Client.builder().max_connections(0).build()
    with pytest.raises(InvalidRequestError, match="Client.max_connections: must be an int"):
        Client.builder().max_connections(True)
