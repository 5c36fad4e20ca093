"""Questions Dify suggests after an answer: ``GET /v1/messages/{message_id}/suggested``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, PathParam, QueryParam, Request, Route

from .common import RouteUuid


class GetSuggestedQuestionsRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/messages/{message_id}/suggested")
    message_id: PathParam[RouteUuid]
    user: QueryParam[Id]

    @staticmethod
    def builder() -> GetSuggestedQuestionsRequestBuilder:
        return GetSuggestedQuestionsRequestBuilder()


class GetSuggestedQuestionsRequestBuilder(Builder[GetSuggestedQuestionsRequest]):
    message_id: setter[str] = setter()
    user: setter[str] = setter()
