"""The app's input form, opening statement and feature switches: ``GET /v1/parameters``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder
from dify_oapi.core.model import Request, Route


class GetParametersRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/parameters")

    @staticmethod
    def builder() -> GetParametersRequestBuilder:
        return GetParametersRequestBuilder()


class GetParametersRequestBuilder(Builder[GetParametersRequest]):
    pass
