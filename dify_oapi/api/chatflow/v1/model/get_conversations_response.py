"""A page of conversations; ``has_more`` is exact (§7.1)."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import Conversation, CursorPage

GetConversationsResponse = CursorPage[Conversation]
