"""The app's web-app settings (title, icon, theme, texts): ``GET /v1/site``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder
from dify_oapi.core.model import Request, Route


class GetSiteRequest(Request):
    # Dify answers 403 when the app has no site or its workspace is archived.
    route: ClassVar[Route] = Route("GET", "/v1/site")

    @staticmethod
    def builder() -> GetSiteRequestBuilder:
        return GetSiteRequestBuilder()


class GetSiteRequestBuilder(Builder[GetSiteRequest]):
    pass
