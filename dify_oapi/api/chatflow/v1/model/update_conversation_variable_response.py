from __future__ import annotations

from .common import ConversationVariable


class UpdateConversationVariableResponse(ConversationVariable):
    """The updated variable; its ``value`` comes back as a string, ``typed_value`` decodes it."""
