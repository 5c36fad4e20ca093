"""The icons of the tools the app's workflow calls: ``GET /v1/meta``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder
from dify_oapi.core.model import Request, Route


class GetMetaRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/meta")

    @staticmethod
    def builder() -> GetMetaRequestBuilder:
        return GetMetaRequestBuilder()


class GetMetaRequestBuilder(Builder[GetMetaRequest]):
    pass
