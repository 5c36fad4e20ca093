"""What ``GET /v1/workflow/{workflow_run_id}/events`` streams: the chat's own events.

A run already finished answers with its ``workflow_finished`` alone, which Dify sends without the
message's ids; it arrives as an ``UnknownEvent`` named ``workflow_finished`` (the stream still
reads its outcome from it)."""

from __future__ import annotations

from .events import ChatflowEvent

GetWorkflowEventsResponse = ChatflowEvent
