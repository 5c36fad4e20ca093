"""``client.chatflow``: the chatflow (advanced-chat) Service API."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.version import V1
from dify_oapi.core.transport import Transport


class ChatflowService:
    def __init__(self, transport: Transport) -> None:
        self.v1: V1 = V1(transport)
