"""The body of ``POST /v1/apps/annotations``."""

from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import RequestModel


class CreateAnnotationRequestBody(RequestModel):
    question: str
    answer: str

    @staticmethod
    def builder() -> CreateAnnotationRequestBodyBuilder:
        return CreateAnnotationRequestBodyBuilder()


class CreateAnnotationRequestBodyBuilder(Builder[CreateAnnotationRequestBody]):
    question: setter[str] = setter()
    answer: setter[str] = setter()
