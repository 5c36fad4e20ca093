from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class ToolIcon(ResponseModel):
    """An emoji icon: what Dify gives an API tool, or its fallback when the tool's icon is unreadable."""

    background: str  # a CSS colour, e.g. "#252525"
    content: str  # the emoji


class GetMetaResponse(ResponseModel):
    """Keyed by tool name: a built-in tool's icon URL (on the console API), an API tool's emoji icon."""

    tool_icons: dict[str, str | ToolIcon] = {}
