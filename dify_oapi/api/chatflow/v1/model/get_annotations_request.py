"""List the app's annotations, by page number: ``GET /v1/apps/annotations``."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import QueryParam, Request, Route

from .common import PageLimit


class GetAnnotationsRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/apps/annotations")
    page: QueryParam[int | None] = Field(None, ge=1)  # Dify's default: 1
    limit: QueryParam[PageLimit | None] = None  # Dify's default: 20
    keyword: QueryParam[str | None] = None  # matches the question or the answer (§10.1)

    @staticmethod
    def builder() -> GetAnnotationsRequestBuilder:
        return GetAnnotationsRequestBuilder()


class GetAnnotationsRequestBuilder(Builder[GetAnnotationsRequest]):
    page: setter[int | None] = setter()
    limit: setter[int | None] = setter()
    keyword: setter[str | None] = setter()
