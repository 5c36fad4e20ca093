"""Memory is bounded: a compressed reply stops at max_body_bytes whatever its Content-Encoding,
measured as the peak of Python allocations during the call (tracemalloc), on a loopback server."""

from __future__ import annotations

import functools
import gzip
import json
import socket
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from dify_oapi import Client, InternalServerError, ResponseTooLargeError, ResponseValidationError
from tests.conftest import call
from tests.faults.conftest import conversations, retries
from tests.faults.loopback import response, serve

CAP = 1024 * 1024
MIB = 1024 * 1024


@functools.cache
def bomb(wbits: int, mib: int = 64) -> bytes:
    """``mib`` MiB of zeros, compressed (about 1,000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(MIB)
    return b"".join(packer.compress(block) for _ in range(mib)) + packer.flush()


def replying(status: str, body: bytes, encoding: str) -> Callable[[socket.socket, bytes], None]:
    headers = {"Content-Type": "application/json", "Content-Encoding": encoding}
    return lambda sock, _request: sock.sendall(response(status, body, headers))


def peak_during(mode: str, url: str, expected: type[Exception]) -> int:
    client = Client.builder().domain(url).max_body_bytes(CAP).build()
    tracemalloc.start()
    try:
        with pytest.raises(expected):
            call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), retries(0))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        client.close()


BOMBS = [
    ("gzip", 16 + zlib.MAX_WBITS),
    ("deflate", zlib.MAX_WBITS),  # zlib-wrapped, as RFC 9110 says
    ("deflate", -zlib.MAX_WBITS),  # raw, as many servers send it
]


@pytest.mark.parametrize(("encoding", "wbits"), BOMBS, ids=["gzip", "deflate-zlib", "deflate-raw"])
@pytest.mark.parametrize("status", ["200 OK", "500 Internal Server Error"])
def test_a_compression_bomb_stops_at_the_cap(
    encoding: str, wbits: int, status: str, mode: str, record_property: Callable[[str, object], None]
) -> None:
    payload = bomb(wbits)
    assert len(payload) < 100 * 1024  # 64 MiB once inflated
    with serve(replying(status, payload, encoding)) as (url, _):
        peak = peak_during(mode, url, ResponseTooLargeError)
    record_property("peak_bytes_under_a_64_MiB_bomb_with_a_1_MiB_cap", peak)
    assert peak < 4 * CAP  # inflated whole, as httpx's decoder does per read, it peaks near 128 MiB


def test_stacked_encodings_are_refused(mode: str) -> None:
    twice = gzip.compress(gzip.compress(bytes(16 * MIB)))
    with serve(replying("200 OK", twice, "gzip, gzip")) as (url, _):
        peak = peak_during(mode, url, ResponseValidationError)
    assert peak < 4 * CAP


def test_an_unknown_encoding_is_refused(mode: str) -> None:
    with serve(replying("500 Internal Server Error", b"\x00\x01", "br")) as (url, _):
        peak_during(mode, url, ResponseValidationError)


PAGE = json.dumps({"limit": 20, "has_more": False, "data": []}).encode()


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),
        ("identity", PAGE),
    ],
)
def test_a_compressed_reply_within_the_cap_is_read(encoding: str, packed: bytes, mode: str) -> None:
    with serve(replying("200 OK", packed, encoding)) as (url, received):
        client = Client.builder().domain(url).max_body_bytes(CAP).build()
        page = call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), retries(0))
        client.close()
    assert page.data == [] and b"accept-encoding: identity" in received[0].lower()


def test_a_compressed_error_body_is_read_as_difys_error(mode: str) -> None:
    body = gzip.compress(
        json.dumps({"code": "internal_server_error", "message": "boom", "status": 500}).encode()
    )
    with serve(replying("500 Internal Server Error", body, "gzip")) as (url, _):
        client = Client.builder().domain(url).build()
        with pytest.raises(InternalServerError, match="internal_server_error: boom"):
            call(mode, client.chatflow.v1.conversation, "get_conversations", conversations(), retries(0))
        client.close()
