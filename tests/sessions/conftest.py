"""The simulator on a real socket and a client pointed at it, shared by the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.testing.simulator import Simulator
from tests import helpers
from tests.helpers import Driver

USER = "e2e-user"


@pytest.fixture
def sim() -> Iterator[Simulator]:
    # A short pause per chunk, so a stop or a disconnect lands while the answer is still streaming.
    with Simulator(chunk_delay=0.01) as running:
        yield running


@pytest.fixture
def live(sim: Simulator) -> Iterator[tuple[Client, RequestOption]]:
    with Client.builder().domain(sim.url + "/v1").build() as client:
        yield client, RequestOption.builder().api_key(sim.api_key).build()


def chat(query: str, conversation_id: str | None = None) -> SendChatMessageRequest:
    return helpers.chat(query, USER, conversation_id)


def stream_all(
    mode: str, client: Client, option: RequestOption, request: SendChatMessageRequest
) -> list[Any]:
    """Every event of one streamed chat, through the sync or the async API."""
    return Driver(mode).stream(client.chatflow.v1.chatflow, request, option)
