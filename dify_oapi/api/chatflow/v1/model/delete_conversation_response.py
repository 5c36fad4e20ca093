from __future__ import annotations

from .common import NoContent


class DeleteConversationResponse(NoContent):
    """204, no body; a repeated delete answers 404."""
