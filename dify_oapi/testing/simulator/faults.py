"""Misbehaviours served instead of the normal answer, one type each, and the table that injects them.

Build them with the ``Fault`` class methods; ``Simulator.inject`` (or ``App.inject``) serves one to
the next matching requests. A fault either replaces the reply outright (``reply``) or changes how
the chat's run goes (``RunFailed``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dify_oapi.testing.sse import PING

from .wire import Ending, Pause, Reply, Step


class Fault:
    """Base of every fault; the class methods are the public way to make one."""

    def reply(self) -> Reply | None:
        """The reply served instead of the route's, or None to let the route answer."""
        return None

    @classmethod
    def reset(cls) -> Reset:
        """Read the request, then reset the connection (RST) before any status line."""
        return Reset()

    @classmethod
    def status(
        cls, code: int, body: bytes | Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> Status:
        """Any status; a mapping body is sent as JSON, bytes as given (JSON unless headers say otherwise)."""
        raw = body if isinstance(body, bytes) else json.dumps(dict(body)).encode()
        extra = dict(headers or {})
        if not any(name.lower() == "content-type" for name in extra):
            extra["Content-Type"] = "application/json"
        return Status(code, raw, tuple(extra.items()))

    @classmethod
    def raw(cls, status: int, content_type: str, body: bytes) -> Status:
        """Arbitrary bytes with a Content-Length: huge bodies, bad UTF-8, JSON of the wrong shape."""
        return Status(status, body, (("Content-Type", content_type),))

    @classmethod
    def stream(
        cls, chunks: Sequence[bytes | float | Pause], then: Ending, ping_every: float | None = None
    ) -> Stream:
        """200 event stream of raw chunks, then a cut (FIN mid-body), a stall, or a proper end.

        A number among the chunks is a ``Pause`` of that many seconds (pinging every ``ping_every``).
        """
        steps = tuple(c if isinstance(c, bytes | Pause) else Pause(float(c)) for c in chunks)
        return Stream(steps, then, ping_every)

    @classmethod
    def stall(cls, ping_every: float | None = None) -> Stream:
        """A stream that opens with a ping and then never sends another byte (or only pings)."""
        return Stream((PING,), "stall", ping_every)

    @classmethod
    def silence(cls, seconds: float) -> Stream:
        """What Dify sends for a streamed request it rejected before the run: a ping, silence, EOF."""
        return Stream((PING, Pause(seconds, pings=False)), "end")

    @classmethod
    def run_failed(cls, error: str) -> RunFailed:
        """For ``POST /v1/chat-messages`` only: the LLM node fails with ``error``; ignored elsewhere."""
        return RunFailed(error)

    @classmethod
    def cut_after(cls, events: int, lost: int = 0) -> RunCut:
        """For a streamed ``POST /v1/chat-messages`` only: the connection drops after ``events``
        events while the run goes on. Its next ``lost`` events are published while no one listens
        (Dify's pub/sub keeps none); the rest wait for ``get_workflow_events``."""
        return RunCut(events, lost)

    @classmethod
    def run_paused(cls, form: str) -> RunPaused:
        """For ``POST /v1/chat-messages`` only: the run pauses for human input showing ``form``."""
        return RunPaused(form)


@dataclass(frozen=True)
class Reset(Fault):
    def reply(self) -> Reply:
        return Reply(0, reset=True)


@dataclass(frozen=True)
class Status(Fault):
    code: int
    body: bytes
    headers: tuple[tuple[str, str], ...]

    def reply(self) -> Reply:
        return Reply(self.code, self.body, self.headers)


@dataclass(frozen=True)
class Stream(Fault):
    steps: tuple[Step, ...]
    then: Ending
    ping_every: float | None = None

    def reply(self) -> Reply:
        return Reply(200, stream=iter(self.steps), ending=self.then, ping_every=self.ping_every)


@dataclass(frozen=True)
class RunFailed(Fault):
    error: str


@dataclass(frozen=True)
class RunCut(Fault):
    events: int
    lost: int


@dataclass(frozen=True)
class RunPaused(Fault):
    form: str


def path_matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


@dataclass
class _Injection:
    method: str
    path: str
    fault: Fault
    remaining: int


class Injections:
    """Faults waiting for their requests, served in the order they were injected."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Injection] = []

    def add(self, method: str, path: str, fault: Fault, times: int) -> None:
        with self._lock:
            self._waiting.append(_Injection(method.upper(), path, fault, times))

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for injection in self._waiting:
                if injection.method == method and path_matches(injection.path, path):
                    injection.remaining -= 1
                    if injection.remaining <= 0:
                        self._waiting.remove(injection)
                    return injection.fault
        return None
