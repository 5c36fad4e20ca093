"""A conversation's variables, oldest first: ``GET /v1/conversations/{conversation_id}/variables``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, PathParam, QueryParam, Request, Route

from .common import OptionalUuid, PageLimit, RouteUuid, VariableName


class GetConversationVariablesRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/conversations/{conversation_id}/variables")
    conversation_id: PathParam[RouteUuid]
    user: QueryParam[Id | None] = None
    last_id: QueryParam[OptionalUuid] = None  # cursor: the last variable of the previous page
    limit: QueryParam[PageLimit | None] = None  # Dify's default: 20
    # Case-insensitive substring filter. Dify 1.14.2 on PostgreSQL answers it with a 500 (its own bug).
    variable_name: QueryParam[VariableName | None] = None

    @staticmethod
    def builder() -> GetConversationVariablesRequestBuilder:
        return GetConversationVariablesRequestBuilder()


class GetConversationVariablesRequestBuilder(Builder[GetConversationVariablesRequest]):
    conversation_id: setter[str] = setter()
    user: setter[str | None] = setter()
    last_id: setter[str | None] = setter()
    limit: setter[int | None] = setter()
    variable_name: setter[str | None] = setter()
