from __future__ import annotations

from .common import NoContent


class DeleteAnnotationResponse(NoContent):
    """204, no body."""
