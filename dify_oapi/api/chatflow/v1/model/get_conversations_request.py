"""List the user's conversations, most recently updated first by default: ``GET /v1/conversations``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, QueryParam, Request, Route

from .common import OptionalUuid, PageLimit
from .types import SortBy


class GetConversationsRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/conversations")
    user: QueryParam[Id | None] = None  # optional to Dify, but without it you see a default user's
    last_id: QueryParam[OptionalUuid] = None  # cursor: the last conversation of the previous page
    limit: QueryParam[PageLimit | None] = None  # Dify's default: 20
    sort_by: QueryParam[SortBy | None] = None  # Dify's default: -updated_at

    @staticmethod
    def builder() -> GetConversationsRequestBuilder:
        return GetConversationsRequestBuilder()


class GetConversationsRequestBuilder(Builder[GetConversationsRequest]):
    user: setter[str | None] = setter()
    last_id: setter[str | None] = setter()
    limit: setter[int | None] = setter()
    sort_by: setter[SortBy | None] = setter()
