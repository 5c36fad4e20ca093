"""Add a question and its canned answer: ``POST /v1/apps/annotations``.

Never resent once its bytes went out: each call creates an annotation, so a retry could add a duplicate.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Request, Route

from .create_annotation_request_body import CreateAnnotationRequestBody


class CreateAnnotationRequest(Request):
    route: ClassVar[Route] = Route("POST", "/v1/apps/annotations")
    request_body: CreateAnnotationRequestBody

    @staticmethod
    def builder() -> CreateAnnotationRequestBuilder:
        return CreateAnnotationRequestBuilder()


class CreateAnnotationRequestBuilder(Builder[CreateAnnotationRequest]):
    request_body: setter[CreateAnnotationRequestBody] = setter()
