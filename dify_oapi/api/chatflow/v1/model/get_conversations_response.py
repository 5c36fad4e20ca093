from __future__ import annotations

from .common import Conversation, CursorPage


class GetConversationsResponse(CursorPage[Conversation]):
    """A page of conversations; ``has_more`` is exact."""
