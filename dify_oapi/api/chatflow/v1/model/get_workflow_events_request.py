"""Reattach to a run's events: ``GET /v1/workflow/{workflow_run_id}/events``."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, PathParam, QueryParam, Request, Route

from .common import Uuid


class GetWorkflowEventsRequest(Request):
    """The events of a run of ``user``'s, from now on; ``include_state_snapshot`` first replays the
    nodes already run (from Dify's database, not the messages already streamed), and
    ``continue_on_pause`` keeps the stream open across ``workflow_paused``."""

    route: ClassVar[Route] = Route("GET", "/v1/workflow/{workflow_run_id}/events")
    # Dify's route takes any string, then looks it up in a UUID column: anything else is its 500.
    workflow_run_id: PathParam[Uuid]
    user: QueryParam[Id]
    include_state_snapshot: QueryParam[bool | None] = None
    continue_on_pause: QueryParam[bool | None] = None

    @staticmethod
    def builder() -> GetWorkflowEventsRequestBuilder:
        return GetWorkflowEventsRequestBuilder()


class GetWorkflowEventsRequestBuilder(Builder[GetWorkflowEventsRequest]):
    workflow_run_id: setter[str] = setter()
    user: setter[str] = setter()
    include_state_snapshot: setter[bool | None] = setter()
    continue_on_pause: setter[bool | None] = setter()
