"""The body of ``DELETE /v1/conversations/{conversation_id}``: Dify requires it, even as ``{}``."""

from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel


class DeleteConversationRequestBody(RequestModel):
    user: Id | None = None

    @staticmethod
    def builder() -> DeleteConversationRequestBodyBuilder:
        return DeleteConversationRequestBodyBuilder()


class DeleteConversationRequestBodyBuilder(Builder[DeleteConversationRequestBody]):
    user: setter[str | None] = setter()
