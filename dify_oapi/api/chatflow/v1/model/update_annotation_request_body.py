"""The body of ``PUT /v1/apps/annotations/{annotation_id}``."""

from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import RequestModel


class UpdateAnnotationRequestBody(RequestModel):
    question: str
    answer: str

    @staticmethod
    def builder() -> UpdateAnnotationRequestBodyBuilder:
        return UpdateAnnotationRequestBodyBuilder()


class UpdateAnnotationRequestBodyBuilder(Builder[UpdateAnnotationRequestBody]):
    question: setter[str] = setter()
    answer: setter[str] = setter()
