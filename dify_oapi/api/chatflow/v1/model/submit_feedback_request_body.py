"""The body of ``POST /v1/messages/{message_id}/feedbacks``, checked as Dify's ``MessageFeedbackPayload``."""

from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel

from .types import FeedbackRating


class SubmitFeedbackRequestBody(RequestModel):
    # The end user who sent the message: another user's message answers 404 "Message Not Exists.".
    user: Id
    # None withdraws the user's rating; Dify answers 400 when there is none to withdraw.
    rating: FeedbackRating | None = None
    content: str | None = None  # replaces the earlier content, also when left out

    @staticmethod
    def builder() -> SubmitFeedbackRequestBodyBuilder:
        return SubmitFeedbackRequestBodyBuilder()


class SubmitFeedbackRequestBodyBuilder(Builder[SubmitFeedbackRequestBody]):
    user: setter[str] = setter()
    rating: setter[FeedbackRating | None] = setter()
    content: setter[str | None] = setter()
