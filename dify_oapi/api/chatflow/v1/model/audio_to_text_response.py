from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class AudioToTextResponse(ResponseModel):
    """200: what the app's speech-to-text model heard."""

    text: str
