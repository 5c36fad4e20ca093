from __future__ import annotations

from .common import NoContent


class DeleteConversationResponse(NoContent):
    """204, no body (§7.3); a repeated delete answers 404."""
