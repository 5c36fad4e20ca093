"""Delete an annotation and its hit history: ``DELETE /v1/apps/annotations/{annotation_id}``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid


class DeleteAnnotationRequest(Request):
    route: ClassVar[Route] = Route("DELETE", "/v1/apps/annotations/{annotation_id}")
    annotation_id: PathParam[RouteUuid]

    @staticmethod
    def builder() -> DeleteAnnotationRequestBuilder:
        return DeleteAnnotationRequestBuilder()


class DeleteAnnotationRequestBuilder(Builder[DeleteAnnotationRequest]):
    annotation_id: setter[str] = setter()
