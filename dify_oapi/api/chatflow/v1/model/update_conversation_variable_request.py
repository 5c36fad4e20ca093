"""Set a conversation variable: ``PUT /v1/conversations/{conversation_id}/variables/{variable_id}``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid
from .update_conversation_variable_request_body import UpdateConversationVariableRequestBody


class UpdateConversationVariableRequest(Request):
    # PUT: Dify registers no PATCH for this route, although some SDKs use one.
    route: ClassVar[Route] = Route("PUT", "/v1/conversations/{conversation_id}/variables/{variable_id}")
    conversation_id: PathParam[RouteUuid]
    variable_id: PathParam[RouteUuid]
    request_body: UpdateConversationVariableRequestBody

    @staticmethod
    def builder() -> UpdateConversationVariableRequestBuilder:
        return UpdateConversationVariableRequestBuilder()


class UpdateConversationVariableRequestBuilder(Builder[UpdateConversationVariableRequest]):
    conversation_id: setter[str] = setter()
    variable_id: setter[str] = setter()
    request_body: setter[UpdateConversationVariableRequestBody] = setter()
