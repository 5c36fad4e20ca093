"""The renamed conversation (§7.4)."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import Conversation

RenameConversationResponse = Conversation
