from __future__ import annotations

from .common import Result


class StopChatMessageResponse(Result):
    """``{"result": "success"}``, also for unknown or finished tasks."""
