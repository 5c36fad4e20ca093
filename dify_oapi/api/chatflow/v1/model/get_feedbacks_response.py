from __future__ import annotations

from datetime import datetime

from dify_oapi.core.model import ResponseModel


class AppFeedback(ResponseModel):
    """One rating of one message, by an end user (``from_source`` "user") or in the console ("admin")."""

    id: str
    app_id: str
    conversation_id: str
    message_id: str
    rating: str  # like or dislike
    content: str | None = None
    from_source: str  # user or admin
    from_end_user_id: str | None = None  # the end user's id in Dify, not the ``user`` string sent
    from_account_id: str | None = None
    created_at: datetime  # Dify sends naive ISO 8601 in UTC: "2026-12-01T12:28:48"
    updated_at: datetime


class GetFeedbacksResponse(ResponseModel):
    """One page: every user's feedback on the app. Dify sends no total and no ``has_more``."""

    data: list[AppFeedback]
