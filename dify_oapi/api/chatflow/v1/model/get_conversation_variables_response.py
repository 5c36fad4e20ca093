from __future__ import annotations

from .common import ConversationVariable, CursorPage


class GetConversationVariablesResponse(CursorPage[ConversationVariable]):
    """A page of conversation variables; ``typed_value`` decodes each value."""
