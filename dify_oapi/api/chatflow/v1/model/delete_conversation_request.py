"""Delete a conversation: ``DELETE /v1/conversations/{conversation_id}``; Dify answers 204."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid
from .delete_conversation_request_body import DeleteConversationRequestBody


class DeleteConversationRequest(Request):
    route: ClassVar[Route] = Route("DELETE", "/v1/conversations/{conversation_id}")
    conversation_id: PathParam[RouteUuid]
    # Dify reads a JSON body even without `user`: left unset, `{}` is sent.
    request_body: DeleteConversationRequestBody = DeleteConversationRequestBody()

    @staticmethod
    def builder() -> DeleteConversationRequestBuilder:
        return DeleteConversationRequestBuilder()


class DeleteConversationRequestBuilder(Builder[DeleteConversationRequest]):
    conversation_id: setter[str] = setter()
    request_body: setter[DeleteConversationRequestBody] = setter()
