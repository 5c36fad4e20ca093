"""The simulator's ``get_workflow_events`` against what Dify 1.14.2 sent (tests/fixtures/
real_workflow_events_*.sse): a finished run's lone ``workflow_finished``, a snapshot reattach's
opening, and the errors, without sockets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dify_oapi.testing.simulator import App, Fault
from dify_oapi.testing.sse import PING
from tests.simulator.test_fidelity import KEY, USER, chat, events_of, request

FIXTURES = Path(__file__).parents[1] / "fixtures"


def real(name: str) -> list[dict[str, Any]]:
    text = (FIXTURES / f"real_workflow_events_{name}.sse").read_text()
    return [json.loads(frame[len("data: ") :]) for frame in text.split("\n\n") if frame.startswith("data: ")]


def run_id_of(steps: list[Any]) -> str:
    return str(events_of(steps)[0]["workflow_run_id"])


def events(app: App, run_id: str, query: str = "") -> Any:
    return app.handle(request("GET", f"/v1/workflow/{run_id}/events", query=f"user={USER}{query}"))


def test_a_finished_run_answers_with_its_workflow_finished_alone_as_dify_builds_it() -> None:
    app = App(KEY)
    run_id = run_id_of(chat(app).steps())
    reply = events(app, run_id)
    steps = reply.steps()
    assert (
        reply.status == 200
        and len(steps) == 1
        and steps[0].startswith(b'data: {"event": "workflow_finished"')
    )
    ours, theirs = events_of(steps)[0], real("finished")[0]
    assert ours.keys() == theirs.keys() and ours["data"].keys() == theirs["data"].keys()
    assert ours["task_id"] == ours["workflow_run_id"] == run_id  # no message, no task: the run's id


def test_a_snapshot_reattach_opens_as_dify_does_then_goes_on_where_the_chat_was_cut() -> None:
    app = App(KEY)
    app.inject("POST", "/v1/chat-messages", Fault.cut_after(5))
    chat_reply = chat(app)
    cut = chat_reply.steps()
    assert chat_reply.ending == "close" and [e["event"] for e in events_of(cut)][-1] == "message"
    steps = events(app, run_id_of(cut), "&include_state_snapshot=true").steps()
    assert steps[0] == PING
    ours = events_of(steps)
    opening = ["workflow_started", "message_replace", "node_started", "node_finished"]
    assert [e["event"] for e in ours][:4] == [e["event"] for e in real("snapshot")][:4] == opening
    replace = ours[1]
    assert replace["answer"] == real("snapshot")[1]["answer"] == ""  # Dify saves the answer at the end
    assert ours[0]["task_id"] == ours[0]["workflow_run_id"]  # the snapshot's stand-in task id
    assert [e["event"] for e in ours][-2:] == ["message_end", "workflow_finished"]


def test_another_users_run_and_a_missing_user_are_refused_as_dify_refuses_them() -> None:
    app = App(KEY)
    run_id = run_id_of(chat(app).steps())
    other = app.handle(request("GET", f"/v1/workflow/{run_id}/events", query="user=someone-else"))
    assert (other.status, other.json()) == (
        404,
        {"code": "not_found", "message": "Workflow run not found", "status": 404},
    )
    missing = app.handle(request("GET", f"/v1/workflow/{run_id}/events"))
    assert (missing.status, missing.json()["message"]) == (400, "Arg user must be provided.")
