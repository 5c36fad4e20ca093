"""The simulator itself, driven with raw httpx over real loopback sockets."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

import httpx
import pytest

from dify_oapi.testing.simulator import Fault, Simulator
from dify_oapi.testing.sse import PING, encode_event

ERROR_BODIES = {
    e["case"]: e for e in json.loads((Path(__file__).parents[1] / "fixtures/error_bodies.json").read_text())
}
NEWEST = ["workflow_started", "node_started", "node_finished", "node_started", "message", "node_finished"]
NEWEST += ["node_started", "node_finished", "message_end", "workflow_finished"]


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator(chunk_delay=0.02, ping_interval=0.1) as running:
        yield running


@pytest.fixture
def http(sim: Simulator) -> Iterator[httpx.Client]:
    auth = {"Authorization": f"Bearer {sim.api_key}"}
    with httpx.Client(base_url=sim.url + "/v1", headers=auth, timeout=5) as client:
        yield client


def chat(http: httpx.Client) -> tuple[list[dict[str, Any]], int]:
    """Stream one chat; return its data events and how many pings came with them."""
    body = {"query": "Dify 是什么?", "inputs": {}, "user": "u1", "response_mode": "streaming"}
    with http.stream("POST", "/chat-messages", json=body) as response:
        assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
        raw = response.read()
    assert raw.startswith(PING)  # as Dify 1.14.2 opens every stream
    frames = raw.split(b"\n\n")
    assert frames[-1] == b""  # every frame is complete
    for frame in frames[:-1]:
        assert frame + b"\n\n" == PING or frame.startswith(b"data: {")
    events = [json.loads(f[len(b"data: ") :]) for f in frames if f.startswith(b"data: ")]
    return events, frames.count(PING[:-2])


AUTH_CASES = [({}, "missing_authorization_header"), ({"Authorization": "Basic x"}, "wrong_auth_scheme")]
AUTH_CASES += [({"Authorization": "Bearer app-wrong"}, "invalid_api_key")]


@pytest.mark.parametrize(("headers", "case"), AUTH_CASES)
def test_401_bodies_match_dify(sim: Simulator, headers: dict[str, str], case: str) -> None:
    response = httpx.get(sim.url + "/v1/conversations", headers=headers)
    assert (response.status_code, response.json()) == (401, ERROR_BODIES[case]["body"])
    assert response.headers["www-authenticate"] == 'Bearer realm="api"'
    assert "authorization" not in sim.requests[-1].headers


@pytest.mark.parametrize("legacy", [False, True])
def test_stream_order_bytes_and_pings(legacy: bool) -> None:
    with Simulator(chunk_delay=0.02, ping_interval=0.05, legacy_order=legacy) as sim:
        auth = {"Authorization": f"Bearer {sim.api_key}"}
        with httpx.Client(base_url=sim.url + "/v1", headers=auth) as http:
            events, pings = chat(http)
    expected = NEWEST[:-2] + (["workflow_finished", "message_end"] if legacy else NEWEST[-2:])
    assert [name for name, _ in groupby(e["event"] for e in events)] == expected
    assert pings >= 2
    assert {e["task_id"] for e in events} == {events[0]["task_id"]}
    answer = "".join(e["answer"] for e in events if e["event"] == "message")
    assert answer == "（模拟）第1轮：你问的是「Dify 是什么?」🤖"
    assert events[-1 if not legacy else -2]["data"]["outputs"]["answer"] == answer


def test_second_turn_continues_conversation(http: httpx.Client) -> None:
    events, _ = chat(http)
    first = events[0]["conversation_id"]
    body = {"query": "more", "inputs": {}, "user": "u1", "conversation_id": first}
    reply = http.post("/chat-messages", json=body)
    assert reply.json()["conversation_id"] == first and reply.json()["answer"].startswith(
        "(simulated) Turn 2"
    )
    history = http.get("/messages", params={"conversation_id": first, "user": "u1"}).json()["data"]
    assert [m["query"] for m in history] == ["Dify 是什么?", "more"]
    assert {m["parent_message_id"] for m in history} == {"00000000-0000-0000-0000-000000000000"}
    other_user = http.get("/messages", params={"conversation_id": first, "user": "u2"})
    assert other_user.json()["message"] == (
        "Conversation Not Exists. You have requested this URI [/v1/messages]"
        " but did you mean /v1/messages or /v1/chat-messages or /api/messages ?"
    )


def test_stop_ends_running_stream(http: httpx.Client) -> None:
    body = {"query": "long", "inputs": {}, "user": "u1", "response_mode": "streaming"}
    with http.stream("POST", "/chat-messages", json=body) as response:
        lines = (line for line in response.iter_lines() if line.startswith("data: "))
        task_id = json.loads(next(lines)[len("data: ") :])["task_id"]
        stopped = http.post(f"/chat-messages/{task_id}/stop", json={"user": "u1"})
        assert stopped.json() == {"result": "success"}
        events = [json.loads(line[len("data: ") :]) for line in lines]
    assert events[-1]["event"] == "workflow_finished" and "message_end" not in {e["event"] for e in events}
    assert events[-1]["data"]["status"] == "stopped" and events[-1]["data"]["error"] == "Stopped by user."
    assert sum(e["event"] == "message" for e in events) < 5


def test_error_bodies(http: httpx.Client) -> None:
    no_user = http.post("/chat-messages", json={"query": "q", "inputs": {}})
    assert no_user.json() == ERROR_BODIES["user_missing"]["body"]
    bad_id = http.post(
        "/chat-messages", json={"query": "q", "inputs": {}, "user": "u", "conversation_id": "x"}
    )
    assert bad_id.status_code == 400 and "conversation_id must be a valid UUID" in bad_id.json()["message"]
    unknown = "8f4e2c1a-3b7d-4e9a-9c21-5d6f7a8b9c0d"
    renamed = http.post(f"/conversations/{unknown}/name", json={"name": "n"})
    assert renamed.json()["message"] == "Conversation Not Exists."
    no_json = http.request("DELETE", f"/conversations/{unknown}")
    assert no_json.json() == ERROR_BODIES["json_body_missing_on_json_user_endpoint"]["body"]
    for path in ("/nope", "/conversations/not-a-uuid/variables", f"/conversations/{unknown}%2Fx/variables"):
        page = http.get(path)
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    created = http.post("/apps/annotations", json={"question": "q", "answer": "a"})
    assert created.status_code == 201 and created.json()["hit_count"] == 0
    missing = http.post("/apps/annotations", json={"answer": "a"})
    assert missing.json() == ERROR_BODIES["reqparse_missing_field"]["body"]


def test_injected_faults(sim: Simulator, http: httpx.Client) -> None:
    sim.inject("GET", "/v1/conversations", Fault.reset())
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        http.get("/conversations")
    busy = ERROR_BODIES["too_many_requests"]["body"]
    sim.inject("GET", "/v1/conv*", Fault.status(429, busy, {"Retry-After": "1"}))
    limited = http.get("/conversations")
    assert (limited.status_code, limited.headers["retry-after"]) == (429, "1")
    assert http.get("/conversations").status_code == 200
    assert sim.count("GET", "/v1/conversations") == 3
    frame = encode_event({"event": "message", "answer": "半"})
    sim.inject("POST", "/v1/chat-messages", Fault.stream([frame, frame[:9]], then="close"))
    with pytest.raises(httpx.RemoteProtocolError), http.stream("POST", "/chat-messages", json={}) as response:
        response.read()
    sim.inject("POST", "/v1/chat-messages", Fault.run_failed("boom"))
    failed, _ = chat(http)
    assert [e["event"] for e in failed[-2:]] == ["node_finished", "workflow_finished"]
    assert [e["data"]["status"] for e in failed[-2:]] == ["failed", "failed"]
    assert failed[-1]["data"]["error"] == "boom" and "message_end" not in {e["event"] for e in failed}


def test_stall_counts_disconnect_and_stop_is_prompt(sim: Simulator, http: httpx.Client) -> None:
    sim.inject("POST", "/v1/chat-messages", Fault.stream([PING], then="stall"))
    with (
        pytest.raises(httpx.ReadTimeout),
        http.stream("POST", "/chat-messages", json={}, timeout=0.3) as response,
    ):
        response.read()
    assert sim.wait_for_disconnects(1, timeout=2)
    sim.inject("POST", "/v1/chat-messages", Fault.stream([], then="stall", ping_every=0.05))
    outcome: list[BaseException] = []

    def stalled_chat() -> None:
        try:
            chat(http)
        except httpx.HTTPError as error:
            outcome.append(error)

    reader = threading.Thread(target=stalled_chat, daemon=True)
    reader.start()
    time.sleep(0.3)
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 1.0
    reader.join(timeout=2)
    assert len(outcome) == 1 and sim.disconnects == 1  # a stop is not the client leaving


def test_a_rejected_stream_is_one_ping_then_silence_without_pings_then_eof() -> None:
    with Simulator(ping_interval=0.02, rejection_silence=0.3) as sim:
        auth = {"Authorization": f"Bearer {sim.api_key}"}
        body = {"query": "q", "inputs": {}, "user": "u1", "response_mode": "streaming"}
        body["conversation_id"] = "8f4e2c1a-3b7d-4e9a-9c21-5d6f7a8b9c0d"
        with httpx.stream("POST", sim.url + "/v1/chat-messages", json=body, headers=auth) as response:
            assert response.status_code == 200
            assert response.read() == PING  # no ping while no run is alive, then a clean end
