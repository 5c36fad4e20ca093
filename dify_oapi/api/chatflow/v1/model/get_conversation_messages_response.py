from __future__ import annotations

from .common import CursorPage, Message


class GetConversationMessagesResponse(CursorPage[Message]):
    """A page of messages, oldest first within the page (unconfirmed for the newest Dify)."""
