"""Every Python block of the configuration and errors docs runs as written against the simulator.
Blocks that use `client`, `request` and `option` without making them get ones for the simulator."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.testing.simulator import Simulator

DOCS = Path(__file__).parents[2] / "docs"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
BLOCKS = [
    (f"{name}#{index}", code)
    for name in ("configuration.md", "errors.md")
    for index, code in enumerate(BLOCK.findall((DOCS / name).read_text(encoding="utf-8")))
]


@pytest.mark.parametrize("code", [code for _, code in BLOCKS], ids=[name for name, _ in BLOCKS])
def test_the_block_runs(code: str) -> None:
    with Simulator(api_key="app-docs") as sim, Client.builder().domain(sim.url).build() as client:
        body = SendChatMessageRequestBody.builder().query("hi").user("docs-user").build()
        namespace: dict[str, Any] = {
            "client": client,
            "option": RequestOption.builder().api_key("app-docs").build(),
            "request": SendChatMessageRequest.builder().request_body(body).build(),
        }
        exec(compile(code, "<docs>", "exec"), namespace)
