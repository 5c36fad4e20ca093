"""A conversation's variables, oldest first: ``GET /v1/conversations/{conversation_id}/variables``."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, PathParam, QueryParam, Request, Route

from .common import PageLimit


class GetConversationVariablesRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/conversations/{conversation_id}/variables")
    conversation_id: PathParam[Id]
    user: QueryParam[Id | None] = None
    last_id: QueryParam[Id | None] = None  # cursor: the last variable of the previous page (§8.1)
    limit: QueryParam[PageLimit | None] = None  # Dify's default: 20
    # Exact-name filter, newest Dify only; older servers ignore it (§8.1).
    variable_name: QueryParam[str | None] = Field(None, max_length=255, pattern=r"^[A-Za-z0-9_.-]+$")

    @staticmethod
    def builder() -> GetConversationVariablesRequestBuilder:
        return GetConversationVariablesRequestBuilder()


class GetConversationVariablesRequestBuilder(Builder[GetConversationVariablesRequest]):
    conversation_id: setter[str] = setter()
    user: setter[str | None] = setter()
    last_id: setter[str | None] = setter()
    limit: setter[int | None] = setter()
    variable_name: setter[str | None] = setter()
