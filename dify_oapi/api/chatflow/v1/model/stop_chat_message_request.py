"""Stop a streaming chat by its task id: ``POST /v1/chat-messages/{task_id}/stop``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import Segment
from .stop_chat_message_request_body import StopChatMessageRequestBody


class StopChatMessageRequest(Request):
    # Safe to resend: Dify only sets a stop flag and always answers success.
    route: ClassVar[Route] = Route("POST", "/v1/chat-messages/{task_id}/stop", resend_safe=True)
    task_id: PathParam[Segment]  # a plain string to Dify's route, not a UUID
    request_body: StopChatMessageRequestBody

    @staticmethod
    def builder() -> StopChatMessageRequestBuilder:
        return StopChatMessageRequestBuilder()


class StopChatMessageRequestBuilder(Builder[StopChatMessageRequest]):
    task_id: setter[str] = setter()
    request_body: setter[StopChatMessageRequestBody] = setter()
