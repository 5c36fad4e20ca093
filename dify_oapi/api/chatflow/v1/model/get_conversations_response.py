"""A page of conversations; ``has_more`` is exact (§7.1)."""

from __future__ import annotations

from .common import Conversation, CursorPage

GetConversationsResponse = CursorPage[Conversation]
