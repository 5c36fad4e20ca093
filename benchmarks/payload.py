"""What the loopback server sends, and what each case must get back.

The stream is built from the frames of ``tests/fixtures/chat_stream_ok.sse`` (a recorded chatflow
run): its workflow and node events come first and last, and the ``message`` frames in between are
repeated with a varying answer (ASCII, CJK and an emoji, as Dify streams them), with a ping every
100 messages. Every frame is its own HTTP chunk, as Dify's server flushes them one by one when it
is quiet; a ``packed`` body is the same bytes in 16 KiB chunks cut anywhere, the reads a busy server
(or a proxy that buffers) produces: many events per read, and frames split across reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dify_oapi.testing.sse import PING, encode_event

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

BLOCK = 1000  # messages per pre-rendered block; a long stream repeats the same block object
PING_EVERY = 100
TOKENS = (
    "Dify", " 是", "一个", "开源", "的", " LLM", " 应用", "开发", "平台", "，", "提供", " workflow",
    "、", " RAG", " 和", " agent", " 能力", " 🚀", "。", " It", " streams", " answers", " token", " by token.",
)  # fmt: skip
PACKED_READ = 16 * 1024  # bytes per HTTP chunk of a packed body


def chunk(data: bytes) -> bytes:
    """``data`` as one HTTP/1.1 chunk."""
    return b"%x\r\n%b\r\n" % (len(data), data)


def answer(index: int) -> str:
    return TOKENS[index % BLOCK % len(TOKENS)]


@dataclass(frozen=True)
class Expected:
    """What a client must see in a stream of ``messages`` answer deltas."""

    messages: int
    others: tuple[str, ...]  # the names of the other events (not ping), in order
    frames: int  # every frame on the wire, pings included: the unit of "events/s"

    def answer(self) -> str:
        return "".join(answer(i) for i in range(self.messages))


def _fixture_frames() -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    """The recorded run split into (events before the answer, one message event, events after)."""
    frames = (FIXTURES / "chat_stream_ok.sse").read_bytes().split(b"\n\n")
    events = [json.loads(f[len(b"data: ") :]) for f in frames if f.startswith(b"data: ")]
    kinds = [e["event"] for e in events]
    first = kinds.index("message")
    last = len(kinds) - 1 - kinds[::-1].index("message")
    return events[:first], events[first], events[last + 1 :]


class StreamBody:
    """A pre-rendered chunked SSE body of ``messages`` answer deltas: a list of byte blocks to write.

    One frame per HTTP chunk, or with ``packed`` the same SSE bytes in ``PACKED_READ`` chunks."""

    def __init__(self, messages: int, packed: bool = False) -> None:
        head, message, tail = _fixture_frames()
        wrap = (lambda frame: frame) if packed else chunk

        def block(count: int) -> bytes:
            out = bytearray()
            for i in range(count):
                out += wrap(encode_event({**message, "answer": answer(i)}))
                if i % PING_EVERY == PING_EVERY - 1:
                    out += wrap(PING)
            return bytes(out)

        full, rest = divmod(messages, BLOCK)
        whole = block(BLOCK) if full else b""
        parts: list[bytes] = [b"".join(wrap(encode_event(e)) for e in head)]
        parts += [whole] * full  # the same object: a 200,000-event body costs one block of memory
        if rest:
            parts.append(block(rest))
        parts.append(b"".join(wrap(encode_event(e)) for e in tail))
        if packed:
            sse = b"".join(parts)
            parts = [chunk(sse[i : i + PACKED_READ]) for i in range(0, len(sse), PACKED_READ)]
        self.parts = [*parts, b"0\r\n\r\n"]
        others = tuple(e["event"] for e in head + tail)
        self.expected = Expected(messages, others, messages + len(others) + messages // PING_EVERY)


def conversations_page() -> bytes:
    return (FIXTURES / "conversations_page.json").read_bytes()


FIRST_CONVERSATION_ID: str = json.loads(conversations_page())["data"][0]["id"]
