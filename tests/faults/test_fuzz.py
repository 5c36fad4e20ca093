"""Hypothesis feeds the SSE decoder, a whole Stream and the blocking parser hostile bytes cut anywhere:
the only exceptions that come out are ours (``DifyError``), whatever the server sends."""

from __future__ import annotations

import contextlib
import json

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model import ChatflowEvent
from dify_oapi.core.sse import Frame, SSEDecoder
from dify_oapi.testing.sse import PING
from tests.faults.conftest import KEY, MESSAGE, MESSAGE_END, chat, conversations, event
from tests.helpers import Driver

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL_CAP = 64
NAMES = ["message", "message_end", "workflow_started", "node_finished", "workflow_finished", "error"]
NAMES += ["workflow_paused", "message_replace", "tts_message", "agent_log", "ping", "no_such_event"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
# Frames that look like Dify's: a known event name with its common keys, some fields wrong or missing.
lookalike_frames = st.builds(
    lambda name, extra, drop: (
        event(name, **extra).replace(drop.encode(), b"x") if drop else event(name, **extra)
    ),
    st.sampled_from(NAMES),
    st.dictionaries(st.sampled_from(["data", "answer", "metadata", "status", "code", "id"]), json_values),
    st.sampled_from(["", "task_id", "conversation_id", "created_at", '"event"']),
)
pieces = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [MESSAGE, MESSAGE_END, PING, b"\n", b"\r", b"\r\n", b"data: ", b"event: x\n", b": c\n\n"]
    ),
    st.sampled_from([b"\xff\xfe", b"\xe4\xbd", b"data: {\n\n", b"data: [[[[[[\n\n", b'data: "x"\n\n']),
    lookalike_frames,
)
bodies = st.lists(pieces, max_size=12).map(b"".join)
cut_points = st.lists(st.integers(min_value=0, max_value=2000), max_size=8)


def split(body: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(cut, len(body)) for cut in cuts})
    return [body[a:b] for a, b in zip([0, *points], [*points, len(body)], strict=True)]


Outcome = tuple[str, object]


def decode(chunks: list[bytes], cap: int) -> Outcome:
    decoder = SSEDecoder(cap)
    try:
        frames: list[Frame] = [frame for chunk in chunks for frame in decoder.feed(chunk)]
        return ("frames", frames + decoder.close())
    except DifyError as error:
        return ("error", type(error))


@FUZZ
@given(body=bodies, cuts=cut_points)
def test_decoder_raises_only_our_errors_and_ignores_where_reads_end(body: bytes, cuts: list[int]) -> None:
    assert decode(split(body, cuts), 1 << 20) == decode([body], 1 << 20)
    decode(split(body, cuts), SMALL_CAP)  # frames, or one of our errors; anything else fails the test


@example(body=b"data: " + b"x" * (SMALL_CAP - 6) + b"\n\n", cuts=[SMALL_CAP + 1])
@FUZZ
@given(body=bodies, cuts=cut_points)
def test_the_frame_cap_does_not_depend_on_where_reads_end(body: bytes, cuts: list[int]) -> None:
    assert decode(split(body, cuts), SMALL_CAP) == decode([body], SMALL_CAP)


def replying(drive: Driver, chunks: list[bytes], status: int, content_type: str) -> Client:
    """A client whose httpx client (the one ``drive``'s mode uses) answers every request with ``chunks``."""

    def reply(_: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers={"content-type": content_type}, content=drive.body(chunks))

    builder = Client.builder().domain("https://dify.test").max_frame_bytes(1024)
    if drive.sync:
        return builder.http_client(httpx.Client(transport=httpx.MockTransport(reply))).build()
    return builder.async_http_client(httpx.AsyncClient(transport=httpx.MockTransport(reply))).build()


OPTION = RequestOption.builder().api_key(KEY).max_retries(0).build()


def read_stream(mode: str, chunks: list[bytes]) -> list[ChatflowEvent]:
    drive = Driver(mode)
    return drive.stream(
        replying(drive, chunks, 200, "text/event-stream").chatflow.v1.chatflow, chat(), OPTION
    )


@FUZZ
@given(body=bodies, cuts=cut_points, mode=st.sampled_from(["sync", "async"]))
@example(body=MESSAGE + MESSAGE_END, cuts=[7, 50], mode="sync")
def test_a_whole_stream_raises_only_our_errors(body: bytes, cuts: list[int], mode: str) -> None:
    try:
        events = read_stream(mode, split(body, cuts))
    except DifyError:
        return
    # Nothing raised: the stream completed, so it carried a message_end or a workflow_paused.
    names = [getattr(item, "event", None) for item in events]
    assert "message_end" in names or "workflow_paused" in names


@FUZZ
@given(
    body=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())),
    status=st.sampled_from([200, 201, 204, 400, 401, 404, 429, 500, 502, 503]),
    cuts=cut_points,
)
def test_a_blocking_reply_raises_only_our_errors(body: bytes, status: int, cuts: list[int]) -> None:
    client = replying(Driver("sync"), split(body, cuts), status, "application/json")
    with contextlib.suppress(DifyError):  # anything else fails the test
        client.chatflow.v1.conversation.get_conversations(conversations(), OPTION)


def test_fuzz_vocabulary_starts_from_real_events() -> None:
    events = read_stream("sync", [event("message", id="m-1", answer="a"), MESSAGE_END])
    assert [getattr(item, "event", None) for item in events] == ["message", "message_end"]
