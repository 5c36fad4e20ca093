"""The body of ``POST /v1/chat-messages``."""

from __future__ import annotations

from typing import Any

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel

from .common import ChatConversationId, ChatFile, NonEmpty, OptionalUuid
from .types import ResponseMode


class SendChatMessageRequestBody(RequestModel):
    query: NonEmpty  # Dify answers "query is required"; in streaming mode only with silence
    # Dify requires the key; {} when the app has no input variables.
    inputs: dict[str, Any] = {}
    user: Id
    # Left unset, it follows the `stream` flag of the call; a contradicting value is an error.
    response_mode: ResponseMode | None = None
    conversation_id: ChatConversationId = None  # None (or "") starts a new conversation
    files: list[ChatFile] | None = None
    auto_generate_name: bool | None = None  # Dify's default: true
    workflow_id: OptionalUuid = None  # pin a published workflow version

    @staticmethod
    def builder() -> SendChatMessageRequestBodyBuilder:
        return SendChatMessageRequestBodyBuilder()


class SendChatMessageRequestBodyBuilder(Builder[SendChatMessageRequestBody]):
    query: setter[str] = setter()
    inputs: setter[dict[str, Any]] = setter()
    user: setter[str] = setter()
    response_mode: setter[ResponseMode | None] = setter()
    conversation_id: setter[str | None] = setter()
    files: setter[list[ChatFile] | None] = setter()
    auto_generate_name: setter[bool | None] = setter()
    workflow_id: setter[str | None] = setter()
