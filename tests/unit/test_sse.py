"""The SSE decoder against recorded Dify streams cut at every byte, in every line-ending style."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dify_oapi import IncompleteStreamError, ResponseTooLargeError
from dify_oapi.core.sse import Frame, SSEDecoder
from dify_oapi.testing.sse import PING, encode_event, two_way_splits, with_line_endings
from tests.conftest import fixture_bytes

RECORDED = ["chat_stream_ok.sse", "chat_stream_error.sse"]
BIG = 1 << 24


def decode(chunks: list[bytes]) -> list[Frame]:
    decoder = SSEDecoder(BIG)
    frames = [frame for chunk in chunks for frame in decoder.feed(chunk)]
    return frames + decoder.close()


def reference(lf_stream: bytes) -> list[Frame]:
    """Independent reading of an LF-only stream of single-line frames."""
    frames = []
    for block in lf_stream.split(b"\n\n"):
        if block.startswith(b"data: "):
            frames.append(Frame(None, block[len(b"data: ") :]))
        elif block.startswith(b"event: "):
            frames.append(Frame(block[len(b"event: ") :].decode(), None))
    return frames


@pytest.mark.parametrize("name", RECORDED)
@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"], ids=["LF", "CR", "CRLF"])
def test_every_split_point_of_recorded_streams(name: str, eol: bytes) -> None:
    raw = fixture_bytes(name)
    expected = reference(raw)
    assert len(expected) > 5 and any(frame.event == "ping" for frame in expected)
    stream = with_line_endings(raw, eol)
    for chunks in two_way_splits(stream):
        assert decode(chunks) == expected


def test_byte_by_byte_keeps_multibyte_characters_whole() -> None:
    raw = fixture_bytes("chat_stream_ok.sse")
    frames = decode([raw[i : i + 1] for i in range(len(raw))])
    answers = [json.loads(f.data)["answer"] for f in frames if f.data and b'"event":"message"' in f.data]
    assert "".join(answers) == "你好！Dify 是一个开源的 LLM 应用开发平台 🚀。"


def test_cr_and_lf_of_one_line_ending_in_different_chunks_of_a_multiline_frame() -> None:
    # The case naive per-chunk CRLF replacement gets wrong: it would see two frames here.
    frames = decode([b"event: note\r", b"\ndata: a\r", b"\ndata: b\r\n\r", b"\n"])
    assert frames == [Frame("note", b"a\nb")]


def test_comments_ids_and_retry_lines_are_ignored() -> None:
    frames = decode([b": keep-alive\n\nid: 7\nretry: 10\ndata: {}\n\n"])
    assert frames == [Frame(None, b"{}")]


def test_legacy_json_dumps_framing_decodes_the_same_text() -> None:
    payload = {"event": "message", "answer": "emoji 🚀 and 中文"}
    legacy, compact = decode([encode_event(payload, legacy=True)]), decode([encode_event(payload)])
    assert legacy != compact and json.loads(legacy[0].data or b"") == json.loads(compact[0].data or b"")


@pytest.mark.parametrize("tail", [b'data: {"event": "mes', b"data: {}\n", b"event: ping"])
def test_stream_ending_inside_a_frame_raises(tail: bytes) -> None:
    decoder = SSEDecoder(BIG)
    assert decoder.feed(encode_event({"event": "message"}) + tail) == [Frame(None, b'{"event":"message"}')]
    with pytest.raises(IncompleteStreamError):
        decoder.close()


def test_a_frame_over_the_cap_raises_before_it_completes() -> None:
    decoder = SSEDecoder(max_frame_bytes=1024)
    with pytest.raises(ResponseTooLargeError):
        for _ in range(100):
            decoder.feed(b"data: " + b"x" * 100)


frame_payloads = st.dictionaries(
    st.sampled_from(["event", "answer", "id", "n"]),
    st.one_of(st.text(), st.integers(), st.none()),
    min_size=1,
)


@given(
    payloads=st.lists(frame_payloads, min_size=1, max_size=8),
    pings=st.lists(st.booleans(), min_size=8, max_size=8),
    eol=st.sampled_from([b"\n", b"\r", b"\r\n"]),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=12),
)
def test_any_chunking_decodes_like_one_chunk(
    payloads: list[dict[str, object]], pings: list[bool], eol: bytes, cuts: list[int]
) -> None:
    raw = b"".join(
        encode_event(p) + (PING if ping else b"") for p, ping in zip(payloads, pings, strict=False)
    )
    stream = with_line_endings(raw, eol)
    points = sorted({min(cut, len(stream)) for cut in cuts})
    chunks = [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]
    assert decode(chunks) == decode([stream]) == reference(raw)
