"""Turn annotation replies on or off: ``POST /v1/apps/annotation-reply/{action}``, a background job."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationInfo, field_validator

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .annotation_reply_settings_request_body import AnnotationReplySettingsRequestBody
from .types import AnnotationAction


class AnnotationReplySettingsRequest(Request):
    # Safe to resend: while a job for the app runs, Dify answers with that job instead.
    route: ClassVar[Route] = Route("POST", "/v1/apps/annotation-reply/{action}", resend_safe=True)
    action: PathParam[AnnotationAction]
    request_body: AnnotationReplySettingsRequestBody  # declared after action so the check below sees it

    @field_validator("request_body")
    @classmethod
    def _names_to_enable(
        cls, body: AnnotationReplySettingsRequestBody, info: ValidationInfo
    ) -> AnnotationReplySettingsRequestBody:
        # Dify accepts empty names, then the enable job can only end in error; disable ignores them.
        if info.data.get("action") == "enable" and not (
            body.embedding_provider_name and body.embedding_model_name
        ):
            raise ValueError("enable needs embedding_provider_name and embedding_model_name")
        return body

    @staticmethod
    def builder() -> AnnotationReplySettingsRequestBuilder:
        return AnnotationReplySettingsRequestBuilder()


class AnnotationReplySettingsRequestBuilder(Builder[AnnotationReplySettingsRequest]):
    action: setter[AnnotationAction] = setter()
    request_body: setter[AnnotationReplySettingsRequestBody] = setter()
