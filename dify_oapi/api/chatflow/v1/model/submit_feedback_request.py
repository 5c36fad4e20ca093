"""Rate an answer, change the rating, or withdraw it: ``POST /v1/messages/{message_id}/feedbacks``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid
from .submit_feedback_request_body import SubmitFeedbackRequestBody


class SubmitFeedbackRequest(Request):
    # Never resent: a withdrawal the server already made would come back as 400 "rating cannot be
    # None when feedback not exists", reporting a failure for what succeeded.
    route: ClassVar[Route] = Route("POST", "/v1/messages/{message_id}/feedbacks")
    message_id: PathParam[RouteUuid]
    request_body: SubmitFeedbackRequestBody

    @staticmethod
    def builder() -> SubmitFeedbackRequestBuilder:
        return SubmitFeedbackRequestBuilder()


class SubmitFeedbackRequestBuilder(Builder[SubmitFeedbackRequest]):
    message_id: setter[str] = setter()
    request_body: setter[SubmitFeedbackRequestBody] = setter()
