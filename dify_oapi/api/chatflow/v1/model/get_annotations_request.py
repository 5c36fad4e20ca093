"""List the app's annotations, by page number: ``GET /v1/apps/annotations``."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import QueryParam, Request, Route

from .common import AnnotationPageLimit


class GetAnnotationsRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/apps/annotations")
    # Dify reads a page or limit below 1 as 1 or 20 yet echoes the value asked; refused here.
    page: QueryParam[int | None] = Field(None, ge=1)  # Dify's default: 1
    limit: QueryParam[AnnotationPageLimit | None] = None  # Dify's default: 20; it serves at most 100
    keyword: QueryParam[str | None] = None  # matches the question or the answer

    @staticmethod
    def builder() -> GetAnnotationsRequestBuilder:
        return GetAnnotationsRequestBuilder()


class GetAnnotationsRequestBuilder(Builder[GetAnnotationsRequest]):
    page: setter[int | None] = setter()
    limit: setter[int | None] = setter()
    keyword: setter[str | None] = setter()
