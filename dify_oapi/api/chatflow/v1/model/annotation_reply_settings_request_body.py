"""The body of ``POST /v1/apps/annotation-reply/{action}``: all three fields, even to disable."""

from __future__ import annotations

from pydantic import Field

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import RequestModel


class AnnotationReplySettingsRequestBody(RequestModel):
    # Similarity needed to answer from an annotation. Dify takes any number (the console offers
    # 0.8-1.0); NaN and infinity are not JSON.
    score_threshold: float = Field(allow_inf_nan=False)
    # Dify requires both keys even to disable, and then ignores them; enabling needs real names.
    embedding_provider_name: str  # e.g. "openai"; newer servers also "langgenius/openai/openai"
    embedding_model_name: str  # e.g. "text-embedding-3-small"

    @staticmethod
    def builder() -> AnnotationReplySettingsRequestBodyBuilder:
        return AnnotationReplySettingsRequestBodyBuilder()


class AnnotationReplySettingsRequestBodyBuilder(Builder[AnnotationReplySettingsRequestBody]):
    score_threshold: setter[float] = setter()
    embedding_provider_name: setter[str] = setter()
    embedding_model_name: setter[str] = setter()
