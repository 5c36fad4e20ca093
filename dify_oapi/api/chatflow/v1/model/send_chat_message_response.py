"""The blocking reply of ``POST /v1/chat-messages`` (spec §4.1)."""

from __future__ import annotations

from typing import Literal

from dify_oapi.core.model import ResponseModel

from .common import MessageMetadata


class SendChatMessageResponse(ResponseModel):
    event: Literal["message"]
    task_id: str
    id: str
    message_id: str
    conversation_id: str
    mode: str  # "advanced-chat" for chatflow apps
    answer: str
    metadata: MessageMetadata
    created_at: int
