"""204, no body (§7.3); a repeated delete answers 404."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import NoContent

DeleteConversationResponse = NoContent
