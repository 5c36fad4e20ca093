"""A conversation's history, newest page first: ``GET /v1/messages``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, QueryParam, Request, Route

from .common import OptionalUuid, PageLimit, Uuid


class GetConversationMessagesRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/messages")
    # Dify answers an empty page to ""; refused here, as it cannot be what the caller meant.
    conversation_id: QueryParam[Uuid]
    user: QueryParam[Id | None] = None
    # Cursor: the oldest message of the current page; the reply holds the messages before it.
    first_id: QueryParam[OptionalUuid] = None
    limit: QueryParam[PageLimit | None] = None  # Dify's default: 20

    @staticmethod
    def builder() -> GetConversationMessagesRequestBuilder:
        return GetConversationMessagesRequestBuilder()


class GetConversationMessagesRequestBuilder(Builder[GetConversationMessagesRequest]):
    conversation_id: setter[str] = setter()
    user: setter[str | None] = setter()
    first_id: setter[str | None] = setter()
    limit: setter[int | None] = setter()
