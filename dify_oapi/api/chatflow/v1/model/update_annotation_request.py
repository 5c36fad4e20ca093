"""Replace an annotation's question and answer: ``PUT /v1/apps/annotations/{annotation_id}``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid
from .update_annotation_request_body import UpdateAnnotationRequestBody


class UpdateAnnotationRequest(Request):
    route: ClassVar[Route] = Route("PUT", "/v1/apps/annotations/{annotation_id}")
    annotation_id: PathParam[RouteUuid]
    request_body: UpdateAnnotationRequestBody

    @staticmethod
    def builder() -> UpdateAnnotationRequestBuilder:
        return UpdateAnnotationRequestBuilder()


class UpdateAnnotationRequestBuilder(Builder[UpdateAnnotationRequest]):
    annotation_id: setter[str] = setter()
    request_body: setter[UpdateAnnotationRequestBody] = setter()
