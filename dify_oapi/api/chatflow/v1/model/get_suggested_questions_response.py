"""The suggested questions; ``data`` may be empty."""

from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class GetSuggestedQuestionsResponse(ResponseModel):
    result: str
    data: list[str]
