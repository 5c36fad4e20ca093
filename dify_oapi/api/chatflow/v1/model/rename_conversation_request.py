"""Rename a conversation, or let Dify name it: ``POST /v1/conversations/{conversation_id}/name``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid
from .rename_conversation_request_body import RenameConversationRequestBody


class RenameConversationRequest(Request):
    # Safe to resend: a fixed name lands the same way twice; auto_generate only re-runs the LLM.
    route: ClassVar[Route] = Route("POST", "/v1/conversations/{conversation_id}/name", resend_safe=True)
    conversation_id: PathParam[RouteUuid]
    request_body: RenameConversationRequestBody

    @staticmethod
    def builder() -> RenameConversationRequestBuilder:
        return RenameConversationRequestBuilder()


class RenameConversationRequestBuilder(Builder[RenameConversationRequest]):
    conversation_id: setter[str] = setter()
    request_body: setter[RenameConversationRequestBody] = setter()
