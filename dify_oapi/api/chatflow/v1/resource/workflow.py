"""The workflow resource: reattach to a run's event stream."""

from __future__ import annotations

from dify_oapi.core.option import RequestOption
from dify_oapi.core.resource import Resource, check_request
from dify_oapi.core.transport import Transport

from ..model.get_workflow_events_request import GetWorkflowEventsRequest
from .chat_stream import AsyncChatStream, ChatStream
from .event_reader import ChatflowEventReader


def events_reader(request: GetWorkflowEventsRequest) -> ChatflowEventReader:
    return ChatflowEventReader(request.route.method, request.route.path, ends_at_workflow_finished=True)


def open_events(
    transport: Transport,
    request: GetWorkflowEventsRequest,
    option: RequestOption | None,
    reader: ChatflowEventReader,
) -> ChatStream:
    """The events, read by ``reader``: a resumed chat stream keeps the reader it had."""
    return transport.open_stream(request, option, reader, None, ChatStream)


async def aopen_events(
    transport: Transport,
    request: GetWorkflowEventsRequest,
    option: RequestOption | None,
    reader: ChatflowEventReader,
) -> AsyncChatStream:
    return await transport.aopen_stream(request, option, reader, None, AsyncChatStream)


class WorkflowResource(Resource):
    def get_workflow_events(
        self, request: GetWorkflowEventsRequest, request_option: RequestOption | None = None
    ) -> ChatStream:
        """``GET /v1/workflow/{workflow_run_id}/events``: a ``Stream`` of the run's chat events from
        now on, ending after ``workflow_finished`` (or ``workflow_paused``); a run already over
        answers with its ``workflow_finished`` alone. Events sent before the call are not replayed."""
        check_request(request, GetWorkflowEventsRequest)
        return open_events(self._transport, request, request_option, events_reader(request))

    async def aget_workflow_events(
        self, request: GetWorkflowEventsRequest, request_option: RequestOption | None = None
    ) -> AsyncChatStream:
        """The async twin of ``get_workflow_events``."""
        check_request(request, GetWorkflowEventsRequest)
        return await aopen_events(self._transport, request, request_option, events_reader(request))
