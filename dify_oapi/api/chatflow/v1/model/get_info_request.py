"""The app's name, description, tags, mode and author: ``GET /v1/info``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder
from dify_oapi.core.model import Request, Route


class GetInfoRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/info")

    @staticmethod
    def builder() -> GetInfoRequestBuilder:
        return GetInfoRequestBuilder()


class GetInfoRequestBuilder(Builder[GetInfoRequest]):
    pass
