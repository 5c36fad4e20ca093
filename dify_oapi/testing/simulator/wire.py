"""What the core reads and writes: a parsed request in, a reply (a body or a stream of steps) out.

Nothing here touches a socket. Like h11's events, a reply only describes what goes on the
wire; the server module (or a test calling ``App.handle`` directly) decides how to carry it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

JSON = dict[str, Any]
Ending = Literal["end", "close", "stall"]
"""How a stream ends: a proper chunked EOF, a FIN mid-body, or no byte ever again."""


@dataclass(frozen=True)
class Request:
    """One HTTP request as the core sees it; ``query`` keeps the first value of each name, as Flask does."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def authorization(self) -> str | None:
        return self.headers.get("authorization")


@dataclass(frozen=True)
class Pause:
    """Wait ``seconds`` before the next step, or until ``wake`` is set.

    ``pings`` says whether Dify's keep-alive pings flow meanwhile: they do while a run is alive,
    not while a request rejected before its run started sits in silence.
    """

    seconds: float
    wake: threading.Event | None = None
    pings: bool = True


Step = bytes | Pause
"""One piece of a stream: bytes written as one chunk, or a pause."""


@dataclass
class Reply:
    """A response. ``stream`` set means a chunked ``text/event-stream``; ``reset`` means an RST instead."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    stream: Iterator[Step] | None = None
    ending: Ending = "end"
    ping_every: float | None = None
    delay: float = 0.0  # a blocking answer's generation time, spent before the status line
    reset: bool = False

    def json(self) -> Any:
        """The body parsed as JSON (for tests that call the core directly)."""
        return json.loads(self.body)

    def steps(self) -> list[Step]:
        """Drain the stream without waiting (for tests that call the core directly)."""
        return list(self.stream or ())


JSON_TYPE = (("Content-Type", "application/json"),)


def json_reply(status: int, payload: object, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    """Dify's JSON endpoints: compact separators, ``\\uXXXX`` escapes, ``/`` written as ``\\/``, a newline."""
    # The slash escape is valid JSON and only ever occurs inside strings, so the replace is safe.
    text = json.dumps(payload, separators=(",", ":")).replace("/", "\\/")
    return Reply(status, (text + "\n").encode(), (*JSON_TYPE, *headers))


def blocking_reply(payload: object) -> Reply:
    """The blocking chat answer: ``json.dumps`` defaults (``", "``/``": "``), no newline, a charset."""
    return Reply(200, json.dumps(payload).encode(), (("Content-Type", "application/json; charset=utf-8"),))


def no_content() -> Reply:
    return Reply(204, b"", JSON_TYPE)
