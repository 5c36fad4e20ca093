from __future__ import annotations

from dify_oapi.core.model import BinaryResponse


class TextToAudioResponse(BinaryResponse):
    """The speech's bytes (at most ``max_body_bytes``) and their ``content_type`` (``audio/mpeg``)."""
