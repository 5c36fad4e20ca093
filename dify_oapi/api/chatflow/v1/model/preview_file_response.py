from __future__ import annotations

from dify_oapi.core.model import BinaryResponse


class PreviewFileResponse(BinaryResponse):
    """The file's bytes (at most ``max_body_bytes``), its ``content_type`` and, when asked for as an
    attachment, its ``file_name``."""
