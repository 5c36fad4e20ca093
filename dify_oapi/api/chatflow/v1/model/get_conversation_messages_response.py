"""A page of messages, oldest first within the page (unconfirmed for the newest Dify, §7.2)."""

from __future__ import annotations

from .common import CursorPage, Message

GetConversationMessagesResponse = CursorPage[Message]
