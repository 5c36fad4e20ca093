"""The simulator's core against what Dify 1.14.2 really sent (tests/fixtures/realdify), without sockets.

Every test calls ``App.handle`` directly: requests in, replies out, streams drained step by step.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest

from dify_oapi.testing.simulator import Answer, App, Fault, Pause, Reply, Request
from dify_oapi.testing.sse import PING

CAPTURES = Path(__file__).parents[1] / "fixtures/realdify"
KEY = "app-fidelity"
USER = "realdify-user"
NIL = "00000000-0000-0000-0000-000000000000"


def capture(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(next(CAPTURES.glob(f"{name}_*.json")).read_text())
    return found


def real_events(name: str) -> list[dict[str, Any]]:
    frames = next(CAPTURES.glob(f"{name}_*.sse")).read_text().split("\n\n")
    return [json.loads(frame[len("data: ") :]) for frame in frames if frame.startswith("data: ")]


def request(
    method: str, path: str, body: object = None, *, query: str = "", key: str | None = KEY
) -> Request:
    headers = {"content-type": "application/json"}
    if key is not None:
        headers["authorization"] = f"Bearer {key}"
    raw = body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
    params = dict(pair.split("=", 1) for pair in query.split("&") if pair)
    return Request(method, path, params, headers, raw)


def chat(app: App, query: str = "hello", mode: str = "streaming", **fields: Any) -> Reply:
    body = {"inputs": {}, "query": query, "response_mode": mode, "user": USER, **fields}
    return app.handle(request("POST", "/v1/chat-messages", body))


def events_of(steps: list[Any]) -> list[dict[str, Any]]:
    return [
        json.loads(s[len(b"data: ") :]) for s in steps if isinstance(s, bytes) and s.startswith(b"data: ")
    ]


def names(events: list[dict[str, Any]]) -> list[str]:
    return [name for name, _ in groupby(e["event"] for e in events)]


@pytest.fixture
def app() -> App:
    return App(KEY)


def replay(app: App, name: str) -> Reply:
    """Send the capture's own request; keys other than the bad one in capture 42 are the app's."""
    exchange = capture(name)
    auth = exchange["request_headers"].get("authorization", "")
    key = None if not auth else auth.removeprefix("Bearer ") if "notarealkey" in auth else KEY
    raw = exchange["request_body"]
    body = None if raw is None else raw.encode()
    return app.handle(request(exchange["method"], exchange["path"], body, query=exchange["query"], key=key))


@pytest.mark.parametrize(
    "name",
    ["42", "43", "44", "45", "46", "48", "49", "50", "51", "52", "55", "57"],
)
def test_error_replies_are_byte_for_byte_dify(app: App, name: str) -> None:
    exchange = capture(name)
    if name == "55":
        app.inject("POST", "/v1/chat-messages", Fault.run_failed("[Errno 111] Connection refused"))
    if name == "57":
        app = App(KEY, suggested_questions=False)
        message_id = chat(app, mode="blocking").json()["message_id"]
        exchange["path"] = f"/v1/messages/{message_id}/suggested"
        reply = app.handle(request("GET", exchange["path"], query=exchange["query"]))
    else:
        reply = replay(app, name)
    real_type = dict(exchange["response_headers"])["Content-Type"]
    assert (reply.status, dict(reply.headers)["Content-Type"]) == (exchange["status"], real_type)
    assert reply.body.decode() == exchange["response_body"]
    if reply.status == 401:
        assert dict(reply.headers)["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("name", ["47", "53"])
def test_a_stream_rejected_before_its_run_is_one_ping_then_silence_then_eof(name: str) -> None:
    app = App(KEY, rejection_silence=300.0)
    reply = replay(app, name)
    assert reply.status == capture(name)["status"] == 200 and reply.stream is not None
    assert reply.steps() == [PING, Pause(300.0, pings=False)] and reply.ending == "end"
    assert app.handle(request("GET", "/v1/conversations", query=f"user={USER}")).json()["data"] == []


def test_a_streamed_run_has_dify_events_in_dify_order(app: App) -> None:
    steps = chat(app).steps()
    assert steps[0] == PING  # before anything else, as every real stream opens
    ours, real = events_of(steps), real_events("02")
    assert names(ours) == names(real)
    real_keys = {e["event"]: (set(e), set(e.get("data", {}))) for e in real}
    assert {e["event"]: (set(e), set(e.get("data", {}))) for e in ours} == real_keys
    pauses = [s for s in steps if isinstance(s, Pause)]
    assert pauses and all(p.pings for p in pauses)  # pings flow while the run is alive


def test_stream_json_is_compact_raw_utf8(app: App) -> None:
    frames = b"".join(s for s in chat(app, "héllo — 你好 🙂").steps() if isinstance(s, bytes))
    real = (CAPTURES / "03_chat_streaming_new_conversation_unicode.sse").read_bytes()
    for stream in (frames, real):
        assert b'data: {"event":"message","conversation_id":' in stream
        assert "你好 🙂".encode() in stream and b"\\u" not in stream


def test_the_blocking_body_is_written_like_dify(app: App) -> None:
    reply = chat(app, mode="blocking")
    real = capture("01")
    assert dict(reply.headers)["Content-Type"] == dict(real["response_headers"])["Content-Type"]
    assert reply.body.startswith(b'{"event": "message", "task_id": "') and not reply.body.endswith(b"\n")
    ours, theirs = reply.json(), json.loads(real["response_body"])
    assert set(ours) == set(theirs) and set(ours["metadata"]) == set(theirs["metadata"])
    assert set(ours["metadata"]["usage"]) == set(theirs["metadata"]["usage"])


def test_other_json_is_compact_with_ascii_escapes(app: App) -> None:
    chat(app, "héllo — 你好 🙂", mode="blocking")
    body = app.handle(request("GET", "/v1/conversations", query=f"user={USER}")).body
    assert body.startswith(b'{"limit":20,"has_more":false,"data":[{"id":"') and b"\\u4f60\\u597d" in body
    real = capture("08")["response_body"]
    assert set(json.loads(body)["data"][0]) == set(json.loads(real)["data"][0])


def test_a_stop_ends_the_run_as_stopped_without_message_end(app: App) -> None:
    reply = chat(app, "tell me a long story")
    steps: list[Any] = []
    for step in reply.stream or ():
        steps.append(step)
        if isinstance(step, bytes) and b'"event":"message"' in step:
            task_id = json.loads(step[len(b"data: ") :])["task_id"]
            stopped = app.handle(request("POST", f"/v1/chat-messages/{task_id}/stop", {"user": USER}))
            assert stopped.body == b'{"result":"success"}\n'
    ours, real = events_of(steps), real_events("58")
    assert [e["event"] for e in ours].count("message") == 1
    for events in (ours, real):
        assert "message_end" not in {e["event"] for e in events}
        assert events[-1]["event"] == "workflow_finished" and events[-1]["data"]["status"] == "stopped"
        assert events[-1]["data"]["error"] == "Stopped by user."


@pytest.mark.parametrize("how", ["fault", "script"])
def test_a_failed_run_ends_with_the_failed_node_then_the_failed_workflow(app: App, how: str) -> None:
    error = "[Errno 111] Connection refused"
    if how == "fault":
        app.inject("POST", "/v1/chat-messages", Fault.run_failed(error))
    else:
        app.script(Answer.failed(error, text="Working on it... "))
    ours, real = events_of(chat(app).steps()), real_events("54")
    for events in (ours, real):
        assert [e["event"] for e in events[-2:]] == ["node_finished", "workflow_finished"]
        assert [(e["data"]["status"], e["data"]["error"]) for e in events[-2:]] == [("failed", error)] * 2
        assert not {"message_end", "error"} & {e["event"] for e in events}
    messages = app.handle(
        request("GET", "/v1/messages", query=f"conversation_id={ours[0]['conversation_id']}&user={USER}")
    )
    assert messages.json()["data"][0]["status"] == "error"


def test_scripted_answers_come_in_order_then_the_default_resumes(app: App) -> None:
    app.script("First scripted.", Answer("Second scripted."))
    answers = [chat(app, "q", mode="blocking").json()["answer"] for _ in range(3)]
    assert answers[:2] == ["First scripted.", "Second scripted."]
    assert answers[2].startswith("(simulated) Turn 1")


@pytest.mark.parametrize(
    ("query", "start"),
    [
        ("What is Dify?", "(simulated) Turn 1"),
        ("Dify 是什么?", "（模拟）第1轮"),
        ("こんにちは", "（シミュレーション）1回目"),
    ],
)
def test_the_default_answer_speaks_the_question_language_and_says_it_is_simulated(
    app: App, query: str, start: str
) -> None:
    answer = chat(app, query, mode="blocking").json()["answer"]
    assert answer.startswith(start) and query in answer


def test_messages_through_the_service_api_have_the_nil_parent(app: App) -> None:
    conversation_id = chat(app, mode="blocking").json()["conversation_id"]
    chat(app, "again", mode="blocking", conversation_id=conversation_id)
    page = app.handle(request("GET", "/v1/messages", query=f"conversation_id={conversation_id}&user={USER}"))
    assert [m["parent_message_id"] for m in page.json()["data"]] == [NIL, NIL]
    assert page.json()["data"][0]["inputs"] == {"name": None}  # only the start form's variables are kept


def test_typed_faults_describe_their_reply(app: App) -> None:
    app.inject("GET", "/v1/conv*", Fault.reset())
    app.inject("GET", "/v1/conversations", Fault.stream([b"data: {", 0.5], "close", ping_every=0.1))
    app.inject("GET", "/v1/conversations", Fault.silence(2.0))
    reset, cut, silent = (app.handle(request("GET", "/v1/conversations")) for _ in range(3))
    assert reset.reset and cut.steps() == [b"data: {", Pause(0.5)] and cut.ending == "close"
    assert silent.steps() == [PING, Pause(2.0, pings=False)]
    assert (
        app.count("GET", "/v1/conversations") == 3
        and app.handle(request("GET", "/v1/conversations")).status == 200
    )


@pytest.mark.parametrize("how", ["fault", "script"])
def test_a_paused_run_asks_for_human_input_then_pauses(app: App, how: str) -> None:
    if how == "fault":
        app.inject("POST", "/v1/chat-messages", Fault.run_paused("Approve the refund?"))
    else:
        app.script(Answer.paused("Approve the refund?", text="Checking your order. "))
    events = events_of(chat(app).steps())
    assert [e["event"] for e in events[-2:]] == ["human_input_required", "workflow_paused"]
    assert events[-2]["data"]["form_content"] == "Approve the refund?"
    assert events[-1]["data"]["paused_nodes"] == [events[-2]["data"]["node_id"]]
    assert "message_end" not in {e["event"] for e in events}
