"""examples/web/relay.py served by uvicorn on a real port, read by a real HTTP client, relaying the simulator."""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from dify_oapi.testing.simulator import Fault, Simulator

pytest.importorskip("starlette", reason="the relay example needs the `web` extra (starlette)")
uvicorn = pytest.importorskip("uvicorn", reason="the relay example needs the `web` extra (uvicorn)")

RELAY = Path(__file__).parents[2] / "examples" / "web" / "relay.py"


def _load_relay() -> ModuleType:
    spec = importlib.util.spec_from_file_location("relay_example", RELAY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    # Paced, so the answer is still streaming when the browser goes away.
    with Simulator(chunk_delay=0.05) as sim:
        yield sim


@pytest.fixture
def relay_url(simulator: Simulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DOMAIN", simulator.url)
    monkeypatch.setenv("CHATFLOW_KEY", simulator.api_key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(_load_relay().create_app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _stops(sim: Simulator) -> int:
    return sum(1 for r in sim.requests if r.method == "POST" and r.path.endswith("/stop"))


def _events(response: httpx.Response) -> Iterator[tuple[str, object]]:
    name = ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            yield name, json.loads(line.removeprefix("data: "))


def test_the_page_asks_through_an_event_source(relay_url: str) -> None:
    page = httpx.get(relay_url + "/", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'new EventSource("/ask?"' in page.text


def test_the_answer_arrives_in_pieces(relay_url: str, simulator: Simulator) -> None:
    with httpx.stream("GET", relay_url + "/ask", params={"q": "What is Dify?"}, timeout=30) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = list(_events(response))
    pieces = [data for name, data in events if name == "answer"]
    assert len(pieces) > 5
    assert "".join(map(str, pieces)) == "(simulated) Turn 1: you asked “What is Dify?” 🤖"
    name, end = events[-1]
    assert name == "end" and isinstance(end, dict)
    assert re.fullmatch(r"[0-9a-f-]{36}", str(end["conversation_id"]))
    assert _stops(simulator) == 0


def test_a_browser_that_leaves_stops_the_run_once(relay_url: str, simulator: Simulator) -> None:
    with httpx.stream("GET", relay_url + "/ask", params={"q": "What is Dify?"}, timeout=30) as response:
        first = next(_events(response))
        assert first[0] == "answer"
    # The relay notices the closed connection, closes the Dify stream and sends one stop.
    deadline = time.monotonic() + 10
    while _stops(simulator) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert simulator.wait_for_disconnects(1)
    assert _stops(simulator) == 1


def test_a_failed_run_reaches_the_page_as_one_line(relay_url: str, simulator: Simulator) -> None:
    simulator.inject("POST", "/v1/chat-messages", Fault.run_failed("LLM quota exceeded"))
    with httpx.stream("GET", relay_url + "/ask", params={"q": "hi"}, timeout=30) as response:
        events = list(_events(response))
    name, message = events[-1]
    assert name == "failed" and "LLM quota exceeded" in str(message)
