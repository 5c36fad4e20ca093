"""The body of ``POST /v1/chat-messages/{task_id}/stop``."""

from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel


class StopChatMessageRequestBody(RequestModel):
    # Must equal the user of the chat; otherwise Dify answers success and stops nothing.
    user: Id

    @staticmethod
    def builder() -> StopChatMessageRequestBodyBuilder:
        return StopChatMessageRequestBodyBuilder()


class StopChatMessageRequestBodyBuilder(Builder[StopChatMessageRequestBody]):
    user: setter[str] = setter()
