"""The body of ``POST /v1/apps/annotation-reply/{action}``: all three fields, even to disable (§10.5)."""

from __future__ import annotations

from pydantic import Field

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel


class AnnotationReplySettingsRequestBody(RequestModel):
    # Similarity needed to answer from an annotation. The console offers 0.8-1.0; the server's own
    # range is unconfirmed (§14), 0..1 is what a similarity score can be.
    score_threshold: float = Field(ge=0, le=1)
    embedding_provider_name: Id  # e.g. "openai"; newer servers also "langgenius/openai/openai"
    embedding_model_name: Id  # e.g. "text-embedding-3-small"

    @staticmethod
    def builder() -> AnnotationReplySettingsRequestBodyBuilder:
        return AnnotationReplySettingsRequestBodyBuilder()


class AnnotationReplySettingsRequestBodyBuilder(Builder[AnnotationReplySettingsRequestBody]):
    score_threshold: setter[float] = setter()
    embedding_provider_name: setter[str] = setter()
    embedding_model_name: setter[str] = setter()
