"""A broken environment is a DifyError naming the setting (never its value), and trust_env(False) ignores it."""

from __future__ import annotations

import pytest

from dify_oapi import Client, InvalidRequestError
from dify_oapi.testing.simulator import Simulator
from tests.conftest import call
from tests.faults.conftest import conversations, retries

BROKEN = [
    ("ALL_PROXY", "socks5://user:PROXY-PASSWORD@127.0.0.1:1080", "socksio"),
    ("HTTPS_PROXY", "bogus://user:PROXY-PASSWORD@127.0.0.1:1", "ValueError"),
    ("SSL_CERT_FILE", "/nonexistent/PROXY-PASSWORD.pem", "No such file"),
]


@pytest.mark.parametrize(("name", "value", "why"), BROKEN, ids=[name for name, _, _ in BROKEN])
def test_a_broken_environment_is_named(
    name: str, value: str, why: str, sim: Simulator, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv(name, value)
    client = Client.builder().domain(sim.url).build()
    with pytest.raises(InvalidRequestError, match=f"environment .*{name}.*{why}.*trust_env") as raised:
        call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), retries(0))
    assert "PROXY-PASSWORD" not in str(raised.value)
    assert raised.value.__context__ is None and sim.requests == []
    client.close()


@pytest.mark.parametrize(("name", "value", "why"), BROKEN, ids=[name for name, _, _ in BROKEN])
def test_trust_env_false_ignores_it(
    name: str, value: str, why: str, sim: Simulator, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv(name, value)
    client = Client.builder().domain(sim.url).trust_env(False).build()
    reply = call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), retries(0))
    assert reply.data == [] and len(sim.requests) == 1
    client.close()
