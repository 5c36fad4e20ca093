"""Every feedback given on the app's messages, newest first, by page number: ``GET /v1/app/feedbacks``."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import QueryParam, Request, Route

# Dify's FeedbackListQuery takes 1..101, and serves exactly the limit asked.
FeedbackPageLimit = Annotated[int, Field(ge=1, le=101)]


class GetFeedbacksRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/app/feedbacks")
    page: QueryParam[int | None] = Field(None, ge=1)  # Dify's default: 1
    limit: QueryParam[FeedbackPageLimit | None] = None  # Dify's default: 20

    @staticmethod
    def builder() -> GetFeedbacksRequestBuilder:
        return GetFeedbacksRequestBuilder()


class GetFeedbacksRequestBuilder(Builder[GetFeedbacksRequest]):
    page: setter[int | None] = setter()
    limit: setter[int | None] = setter()
