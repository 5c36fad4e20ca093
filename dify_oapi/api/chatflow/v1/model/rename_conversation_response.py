"""The renamed conversation (§7.4)."""

from __future__ import annotations

from .common import Conversation

RenameConversationResponse = Conversation
