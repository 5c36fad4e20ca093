"""Reattaching to a run: ``get_workflow_events``, as ``controllers/service_api/app/workflow_events.py``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dify_oapi.testing.sse import PING, encode_event

from .errors import not_found
from .routing import Call, Routes
from .run import STOPPED_BY_USER, Run
from .wire import JSON, Reply, Step

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
_MESSAGE_CONTEXT = ("conversation_id", "message_id", "created_at")


@routes.add("GET", "/v1/workflow/{str}/events")
def get_workflow_events(app: App, call: Call) -> Reply:
    user = call.user(required=True, from_query=True)
    run = app.state.runs.get(call.params[0])
    if run is None or run.user != user:  # another user's run is not found either
        raise not_found("Workflow run not found")
    if run.finished and run.answer.form is None:
        return Reply(200, stream=iter((_finished(run),)))
    snapshot = call.query.get("include_state_snapshot", "false").lower() == "true"
    steps: list[Step] = [PING, *(_snapshot(run) if snapshot else ())]
    if run.finished and run.form is not None:  # paused: the snapshot ends with the form and the pause
        steps += [
            encode_event(run.human_input_required(run.form)),
            encode_event(run.workflow_paused(run.form)),
        ]
        return Reply(200, stream=iter(steps))
    # The rest of a run whose chat connection dropped; the simulator has no pub/sub to share a run
    # still streaming to its chat, so that one gets the snapshot alone.
    rest, run.rest = run.rest, None
    return Reply(200, stream=_then(steps, rest or iter(())), ping_every=app.ping_interval)


def _then(first: list[Step], rest: Iterator[Step]) -> Iterator[Step]:
    yield from first
    for step in rest:
        if step != PING:  # the chat's opening ping
            yield step


def _snapshot(run: Run) -> list[bytes]:
    """What Dify rebuilds from its database: the start, the answer as saved (empty until the run
    ends), each node started or finished; its task id is the run's own."""
    context = {"task_id": run.run_id}
    replayed = [
        event | context
        for event in run.published
        if event["event"] in ("workflow_started", "node_started", "node_finished")
    ]
    replace: JSON = {"event": "message_replace", **context, "answer": run.message["answer"], "reason": ""}
    replace |= {name: replayed[0][name] for name in _MESSAGE_CONTEXT} if replayed else {}
    return [encode_event(event) for event in [*replayed[:1], replace, *replayed[1:]]]


def _finished(run: Run) -> bytes:
    # A finished run's reply is built from its database row: no message ids, json.dumps spacing.
    status, error = "succeeded", None
    if run.stop.is_set():
        status, error = "stopped", STOPPED_BY_USER
    elif run.answer.error is not None:
        status, error = "failed", run.answer.error
    event = run.workflow_finished(status, error)
    for name in _MESSAGE_CONTEXT:
        del event[name]
    event["task_id"] = run.run_id
    return b"data: " + json.dumps(event).encode() + b"\n\n"
