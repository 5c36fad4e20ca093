from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class GetInfoResponse(ResponseModel):
    """What Dify's ``AppInfoApi`` returns, read from the app's own row."""

    name: str
    description: str | None = None  # nullable column
    tags: list[str] = []  # tag names
    mode: str  # "advanced-chat" for a chatflow; the other app modes answer this route too
    author_name: str | None = None  # the creator's account name; None once that account is gone
