"""Turn annotation replies on or off: ``POST /v1/apps/annotation-reply/{action}``, a background job."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .annotation_reply_settings_request_body import AnnotationReplySettingsRequestBody
from .types import AnnotationAction


class AnnotationReplySettingsRequest(Request):
    # Safe to resend (§10.5, §12): while a job for the app runs, Dify answers with that job instead.
    route: ClassVar[Route] = Route("POST", "/v1/apps/annotation-reply/{action}", resend_safe=True)
    action: PathParam[AnnotationAction]
    request_body: AnnotationReplySettingsRequestBody

    @staticmethod
    def builder() -> AnnotationReplySettingsRequestBuilder:
        return AnnotationReplySettingsRequestBuilder()


class AnnotationReplySettingsRequestBuilder(Builder[AnnotationReplySettingsRequest]):
    action: setter[AnnotationAction] = setter()
    request_body: setter[AnnotationReplySettingsRequestBody] = setter()
