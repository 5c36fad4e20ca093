from __future__ import annotations

from .common import Conversation


class RenameConversationResponse(Conversation):
    """The renamed conversation."""
