"""``{"result": "success"}``, also for unknown or finished tasks (§5)."""

from __future__ import annotations

from .common import Result

StopChatMessageResponse = Result
