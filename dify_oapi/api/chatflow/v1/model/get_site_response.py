from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class GetSiteResponse(ResponseModel):
    """Dify's ``Site`` response model, field for field; the texts are None until someone sets them."""

    title: str
    chat_color_theme: str | None = None
    chat_color_theme_inverted: bool
    icon_type: str | None = None  # "emoji" or "image"
    icon: str | None = None  # the emoji itself, or an uploaded file's id when icon_type is "image"
    icon_background: str | None = None
    icon_url: str | None = None  # a signed URL, only for an image icon
    description: str | None = None
    copyright: str | None = None
    privacy_policy: str | None = None
    custom_disclaimer: str | None = None
    default_language: str  # e.g. "en-US"
    show_workflow_steps: bool
    use_icon_as_answer_icon: bool
