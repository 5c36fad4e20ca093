"""What ``GET /v1/workflow/{workflow_run_id}/events`` streams: the chat's own events.

``get_workflow_events`` yields the events themselves; this model reads one such event from its JSON
(``GetWorkflowEventsResponse.model_validate_json(data).root``), for code that relays the raw bytes.
A run already over answers with its ``workflow_finished`` alone, which Dify sends without the
message's ids; the stream yields it as an ``UnknownEvent`` named ``workflow_finished`` and still
reads the run's outcome from it.
"""

from __future__ import annotations

from pydantic import RootModel

from .events import ChatflowEvent


class GetWorkflowEventsResponse(RootModel[ChatflowEvent]):
    pass
