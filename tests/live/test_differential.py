"""The same requests to the simulator and to the real Dify 1.14.2: what must match, matches.

Compared: status codes, content types, event names and their order, key sets, error codes and
messages. Not compared: ids, timestamps, answer texts and the apps' own settings (the variable
names of each app's conversation variables). A difference here is a simulator bug.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import httpx
import pytest

from dify_oapi.testing.simulator import Fault, Simulator
from dify_oapi.testing.sse import PING
from tests.live.conftest import RealDify

USER = f"differential-{uuid.uuid4().hex[:10]}"
NIL = "00000000-0000-0000-0000-000000000000"
REFUSED = "[Errno 111] Connection refused"  # what the real failing app's HTTP node reports


@dataclass
class Side:
    """One server under comparison, reached with raw httpx so the wire itself is compared."""

    name: str
    http: httpx.Client

    def chat(self, query: str, mode: str, **fields: Any) -> httpx.Response:
        body = {"inputs": {}, "query": query, "response_mode": mode, "user": USER, **fields}
        return self.http.post("/chat-messages", json=body)

    def stream(self, query: str, **fields: Any) -> tuple[bytes, list[dict[str, Any]]]:
        body = {"inputs": {}, "query": query, "response_mode": "streaming", "user": USER, **fields}
        with self.http.stream("POST", "/chat-messages", json=body) as response:
            assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
            raw = response.read()
        return raw, frames(raw)

    def forget(self) -> None:
        """Delete this run's conversations: the real server is shared and never reset."""
        for conversation in self.http.get("/conversations", params={"user": USER}).json()["data"]:
            self.http.request("DELETE", f"/conversations/{conversation['id']}", json={"user": USER})


def frames(raw: bytes) -> list[dict[str, Any]]:
    return [json.loads(f[len(b"data: ") :]) for f in raw.split(b"\n\n") if f.startswith(b"data: ")]


@contextmanager
def side(name: str, domain: str, key: str) -> Iterator[Side]:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=domain.rstrip("/") + "/v1", headers=headers, timeout=60) as http:
        yield Side(name, http)


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator(chunk_delay=0.01, rejection_silence=300.0) as running:
        yield running


@pytest.fixture(scope="module")
def sides(simulator: Simulator, real_dify: RealDify) -> Iterator[tuple[Side, Side]]:
    with (
        side("simulator", simulator.url, simulator.api_key) as sim_side,
        side("real", real_dify.domain, real_dify.key) as real_side,
    ):
        yield sim_side, real_side
        real_side.forget()


def shape(value: Any) -> Any:
    """Keys all the way down, with the kind of each leaf: what two servers must share."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def event_shape(events: list[dict[str, Any]]) -> dict[str, tuple[set[str], set[str]]]:
    return {e["event"]: (set(e), set(e.get("data") or {})) for e in events}


def order(events: list[dict[str, Any]]) -> list[str]:
    return [name for name, _ in groupby(e["event"] for e in events)]


def error(response: httpx.Response) -> tuple[int, str, str, str]:
    body = response.json() if response.headers["content-type"].startswith("application/json") else {}
    kind = response.headers["content-type"]
    return response.status_code, kind, body.get("code", response.text), body.get("message", "")


def test_blocking_chat(sides: tuple[Side, Side]) -> None:
    replies = [s.chat("hello", "blocking") for s in sides]
    ours, theirs = replies
    assert ours.status_code == theirs.status_code == 200
    assert ours.headers["content-type"] == theirs.headers["content-type"]
    assert shape(ours.json()) == shape(theirs.json())
    for reply in replies:  # json.dumps defaults on both
        assert reply.content.startswith(b'{"event": "message", "task_id": "')


def test_streamed_chat(sides: tuple[Side, Side]) -> None:
    (raw, ours), (real_raw, theirs) = (s.stream("héllo — 你好 🙂") for s in sides)
    assert raw.startswith(PING) and real_raw.startswith(PING)
    assert order(ours) == order(theirs)
    assert event_shape(ours) == event_shape(theirs)
    for stream in (raw, real_raw):  # compact raw UTF-8
        assert "你好 🙂".encode() in stream and b'{"event":"workflow_started","conversation_id":' in stream


def test_second_turn_and_history(sides: tuple[Side, Side]) -> None:
    pages = []
    for s in sides:
        first = s.chat("first", "blocking").json()
        s.chat("second", "blocking", conversation_id=first["conversation_id"])
        params = {"conversation_id": first["conversation_id"], "user": USER}
        pages.append(s.http.get("/messages", params=params).json())
    ours, theirs = pages
    assert shape(ours) == shape(theirs) and (ours["limit"], ours["has_more"]) == (20, False)
    for page in pages:
        # Two turns in the same second come back in either order from the real server.
        assert sorted(m["query"] for m in page["data"]) == ["first", "second"]
        assert {m["parent_message_id"] for m in page["data"]} == {NIL}


def test_conversations_list(sides: tuple[Side, Side]) -> None:
    for s in sides:
        s.chat("for the list", "blocking")
    ours, theirs = (s.http.get("/conversations", params={"user": USER, "limit": 1}) for s in sides)
    assert ours.status_code == theirs.status_code == 200
    assert shape(ours.json()) == shape(theirs.json())
    assert ours.content.startswith(b'{"limit":1,"has_more":true,"data":[{"id":"')
    assert theirs.content.startswith(b'{"limit":1,"has_more":true,"data":[{"id":"')


def test_variables(sides: tuple[Side, Side]) -> None:
    found = []
    for s in sides:
        conversation_id = s.chat("variables", "blocking").json()["conversation_id"]
        page = s.http.get(f"/conversations/{conversation_id}/variables", params={"user": USER}).json()
        number = next(v for v in page["data"] if v["value_type"] == "number")
        path = f"/conversations/{conversation_id}/variables/{number['id']}"
        updated = s.http.put(path, json={"value": 41, "user": USER})
        mismatch = s.http.put(path, json={"value": "forty-one", "user": USER})
        found.append((page, number["name"], updated, mismatch))
    (ours, our_name, our_update, our_mismatch), (theirs, their_name, their_update, their_mismatch) = found
    assert shape(ours) == shape(theirs)
    assert {type(v["value"]) for v in ours["data"]} == {type(v["value"]) for v in theirs["data"]} == {str}
    assert (our_update.status_code, our_update.json()["value"]) == (their_update.status_code, "41")
    assert shape(our_update.json()) == shape(their_update.json())
    expected = "Type mismatch: variable '{}' expects number, but got string type"
    assert error(our_mismatch) == (400, "application/json", "bad_request", expected.format(our_name))
    assert error(their_mismatch) == (400, "application/json", "bad_request", expected.format(their_name))


def test_annotations_crud(sides: tuple[Side, Side]) -> None:
    results = []
    for s in sides:
        question = f"differential {USER} {s.name}?"
        created = s.http.post("/apps/annotations", json={"question": question, "answer": "a"})
        annotation_id = created.json()["id"]
        listed = s.http.get("/apps/annotations", params={"keyword": question})
        updated = s.http.put(f"/apps/annotations/{annotation_id}", json={"question": question, "answer": "b"})
        deleted = s.http.delete(f"/apps/annotations/{annotation_id}")
        again = s.http.delete(f"/apps/annotations/{annotation_id}")
        unknown = s.http.put(f"/apps/annotations/{NIL}", json={"question": "q", "answer": "a"})
        results.append((created, listed, updated, deleted, again, unknown))
    for ours, theirs in zip(*results, strict=True):
        assert ours.status_code == theirs.status_code
        assert ours.headers["content-type"] == theirs.headers["content-type"]
        assert ours.content == theirs.content == b"" or shape(ours.json()) == shape(theirs.json())
        if ours.status_code >= 400:
            assert error(ours) == error(theirs)
    assert [r.status_code for r in results[1]] == [201, 200, 200, 204, 404, 404]


ERROR_CASES = {
    # name: (method, path, query, body, headers) as the captures 42-53 sent them
    "bad_key": (
        "GET",
        "/conversations",
        {"user": USER},
        None,
        {"Authorization": "Bearer app-notarealkey0000"},
    ),
    "no_auth": ("GET", "/conversations", {"user": USER}, None, {"Authorization": ""}),
    "missing_user": (
        "POST",
        "/chat-messages",
        {},
        {"inputs": {}, "query": "x", "response_mode": "blocking"},
        {},
    ),
    "bad_response_mode": (
        "POST",
        "/chat-messages",
        {},
        {"inputs": {}, "query": "x", "response_mode": "bogus", "user": USER},
        {},
    ),
    "unknown_conversation_blocking": (
        "POST",
        "/chat-messages",
        {},
        {"inputs": {}, "query": "x", "response_mode": "blocking", "user": USER, "conversation_id": NIL},
        {},
    ),
    "non_uuid_path": ("GET", "/conversations/not-a-uuid/variables", {"user": USER}, None, {}),
    "invalid_json": ("POST", "/chat-messages", {}, b"{not json", {"Content-Type": "application/json"}),
    "unknown_route": ("GET", "/no-such-endpoint", {}, None, {}),
    "method_not_allowed": (
        "PATCH",
        f"/conversations/{NIL}/variables/{NIL}",
        {},
        {"value": 1, "user": USER},
        {},
    ),
    "input_too_long": (
        "POST",
        "/chat-messages",
        {},
        {"inputs": {"name": "x" * 100}, "query": "x", "response_mode": "blocking", "user": USER},
        {},
    ),
    "unknown_conversation_messages": ("GET", "/messages", {"conversation_id": NIL, "user": USER}, None, {}),
    "unknown_last_conversation": ("GET", "/conversations", {"last_id": NIL, "user": USER}, None, {}),
    "unknown_conversation_variables": ("GET", f"/conversations/{NIL}/variables", {"user": USER}, None, {}),
    "unknown_conversation_rename": (
        "POST",
        f"/conversations/{NIL}/name",
        {},
        {"name": "n", "user": USER},
        {},
    ),
    "unknown_message_suggested": ("GET", f"/messages/{NIL}/suggested", {"user": USER}, None, {}),
    "unknown_job": ("GET", f"/apps/annotation-reply/enable/status/{NIL}", {}, None, {}),
    "bad_reply_action": (
        "POST",
        "/apps/annotation-reply/toggle",
        {},
        {"score_threshold": 0.9, "embedding_provider_name": "x", "embedding_model_name": "y"},
        {},
    ),
    "stop_without_user": ("POST", f"/chat-messages/{NIL}/stop", {}, {}, {}),
    "stop_unknown_task": ("POST", f"/chat-messages/{NIL}/stop", {}, {"user": USER}, {}),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_error_cases(sides: tuple[Side, Side], case: str) -> None:
    method, path, query, body, headers = ERROR_CASES[case]
    replies = []
    for s in sides:
        content = body if isinstance(body, bytes) else None
        sent = s.http.build_request(
            method, path, params=query, json=None if content else body, content=content
        )
        for name, value in headers.items():  # an empty value removes the header
            if value:
                sent.headers[name] = value
            else:
                del sent.headers[name]
        replies.append(s.http.send(sent))
    ours, theirs = replies
    assert error(ours) == error(theirs)
    assert ours.headers.get("www-authenticate") == theirs.headers.get("www-authenticate")


@pytest.mark.parametrize(
    "fields",
    [{"conversation_id": NIL}, {"inputs": {"name": "x" * 100}}],
    ids=["unknown-conversation", "input-too-long"],
)
def test_streams_rejected_before_the_run_ping_then_fall_silent(
    sides: tuple[Side, Side], fields: dict[str, Any]
) -> None:
    for s in sides:
        body = {"inputs": {}, "query": "x", "response_mode": "streaming", "user": USER, **fields}
        with s.http.stream(
            "POST", "/chat-messages", json=body, timeout=httpx.Timeout(60, read=3)
        ) as response:
            assert (response.status_code, response.headers["content-type"]) == (
                200,
                "text/event-stream; charset=utf-8",
            )
            received = b""
            with pytest.raises(httpx.ReadTimeout):
                for chunk in response.iter_raw():
                    received += chunk
            assert received == PING, s.name


def running_after_a_message(events: list[dict[str, Any]]) -> bool:
    """A message arrived and a node past the start is running: a stop now lands inside that node.

    A stop that lands between two nodes ends the run as ``failed`` "Aborted: User requested stop".
    """
    nodes = [e for e in events if e["event"].startswith("node_")]
    if not nodes or not any(e["event"] == "message" for e in events):
        return False
    return bool(nodes[-1]["event"] == "node_started" and nodes[-1]["data"]["node_type"] != "start")


def test_stop_then_suggested_questions_disabled(real_dify: RealDify) -> None:
    results = []
    with (
        Simulator(chunk_delay=0.2, suggested_questions=False) as slow,
        side("simulator", slow.url, slow.api_key) as ours,
        side("real", real_dify.domain, real_dify.slow_key) as theirs,
    ):
        for s in (ours, theirs):
            body = {"inputs": {}, "query": "slow please", "response_mode": "streaming", "user": USER}
            with s.http.stream("POST", "/chat-messages", json=body) as response:
                raw, chunks = b"", response.iter_bytes()
                while not running_after_a_message(frames(raw)):
                    raw += next(chunks)
                first = next(e for e in frames(raw) if e["event"] == "message")
                stopped = s.http.post(f"/chat-messages/{first['task_id']}/stop", json={"user": USER})
                raw += b"".join(chunks)
            path = f"/messages/{first['message_id']}/suggested"
            results.append((stopped, frames(raw), s.http.get(path, params={"user": USER})))
            s.forget()
    for stopped, events, suggested in results:
        assert (stopped.status_code, stopped.json()) == (200, {"result": "success"})
        assert events[-1]["event"] == "workflow_finished" and "message_end" not in order(events)
        assert (events[-1]["data"]["status"], events[-1]["data"]["error"]) == ("stopped", "Stopped by user.")
        disabled = (400, "application/json", "bad_request", "Suggested Questions Is Disabled.")
        assert error(suggested) == disabled
    assert event_shape(results[0][1])["workflow_finished"] == event_shape(results[1][1])["workflow_finished"]


def test_failed_run(real_dify: RealDify) -> None:
    results = []
    with (
        Simulator() as failing,
        side("simulator", failing.url, failing.api_key) as ours,
        side("real", real_dify.domain, real_dify.failing_key) as theirs,
    ):
        failing.inject("POST", "/v1/chat-messages", Fault.run_failed(REFUSED), times=2)
        for s in (ours, theirs):
            _, events = s.stream("this will fail")
            results.append((events, s.chat("this will fail", "blocking")))
            s.forget()
    for events, blocking in results:
        assert order(events)[-2:] == ["node_finished", "workflow_finished"]
        assert [(e["data"]["status"], e["data"]["error"]) for e in events[-2:]] == [("failed", REFUSED)] * 2
        assert not {"message_end", "error"} & set(order(events))
        assert error(blocking) == (400, "application/json", "invalid_param", f"Run failed: {REFUSED}")
    (mine, _), (real, _) = results
    assert event_shape(mine[-2:]) == event_shape(real[-2:])


def test_rename_and_delete(sides: tuple[Side, Side]) -> None:
    results = []
    for s in sides:
        conversation_id = s.chat("A question longer than twenty characters", "blocking").json()[
            "conversation_id"
        ]
        path, owner = f"/conversations/{conversation_id}", {"user": USER}
        listed = s.http.get("/conversations", params={"user": USER, "limit": 1}).json()["data"][0]["name"]
        renamed = s.http.post(f"{path}/name", json={"name": "renamed", **owner})
        nameless = s.http.post(f"{path}/name", json=owner)
        automatic = s.http.post(f"{path}/name", json={"auto_generate": True, **owner})
        deleted = s.http.request("DELETE", path, json=owner)
        again = s.http.request("DELETE", path, json=owner)
        results.append((listed, renamed, nameless, automatic, deleted, again))
    (name, *ours), (real_name, *theirs) = results
    assert name == real_name == "A question longer th…"  # no model names it: the query, cut
    for mine, real in zip(ours, theirs, strict=True):
        assert (mine.status_code, mine.headers["content-type"]) == (
            real.status_code,
            real.headers["content-type"],
        )
        assert mine.content == real.content == b"" or shape(mine.json()) == shape(real.json())
    assert ours[0].json()["name"] == theirs[0].json()["name"] == "renamed"
    assert error(ours[1]) == error(theirs[1]) and error(ours[4]) == error(theirs[4])
    # auto_generate asks a model for a name; the real server has none and keeps "renamed", while
    # the simulator plays a Dify with a model that names it after the first query.
    assert (ours[2].json()["name"], theirs[2].json()["name"]) == (name, "renamed")
    assert [r.status_code for r in ours] == [200, 400, 200, 204, 404]
