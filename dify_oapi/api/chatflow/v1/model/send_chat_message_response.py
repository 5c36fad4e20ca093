"""The blocking reply of ``POST /v1/chat-messages``."""

from __future__ import annotations

from typing import Any, Literal

from dify_oapi.core.model import ResponseModel

from .common import MessageMetadata


class SendChatMessageResponse(ResponseModel):
    # "workflow_paused" when a human-input node paused the run; the pause details are in `data`.
    event: Literal["message", "workflow_paused"]
    task_id: str
    id: str
    message_id: str
    conversation_id: str
    mode: str  # "advanced-chat" for chatflow apps
    answer: str
    metadata: MessageMetadata
    created_at: int
    workflow_run_id: str | None = None  # paused replies only
    data: dict[str, Any] | None = None  # paused replies only: status, paused_nodes, reasons, ...
