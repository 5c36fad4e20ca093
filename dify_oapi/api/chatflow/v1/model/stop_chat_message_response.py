"""``{"result": "success"}``, also for unknown or finished tasks (§5)."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import Result

StopChatMessageResponse = Result
