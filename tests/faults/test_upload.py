"""An upload streams its file: the peak of Python allocations during a 48 MiB upload over a real
socket stays a small fraction of the file (tracemalloc), and an upload is never sent twice."""

from __future__ import annotations

import io
import json
import socket
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

from dify_oapi import Client, InternalServerError, RequestOption
from dify_oapi.api.chatflow.v1.model import UploadFileRequest, UploadFileRequestBody, UploadFileResponse
from tests.conftest import call
from tests.faults.loopback import response, serve

MIB = 1024 * 1024
SIZE = 48 * MIB
UPLOADED = {"id": "7c1d9a52-2f0e-4a3b-9d61-0c4f1e2a3b01", "name": "big.bin", "size": SIZE}


class Sink:
    """Reads each request's body in 64 KiB pieces and keeps only its length, so the server side
    adds nothing to the peak measured in this process."""

    def __init__(self, status: str, reply: object) -> None:
        self.status, self.body = status, json.dumps(reply).encode()
        self.lengths: list[int] = []

    def read(self, sock: socket.socket) -> bytes:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(65536)
            if not chunk:
                return b""
            head += chunk
        head, _, body = head.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        length = next(
            int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length:")
        )
        got = len(body)
        while got < length and (chunk := sock.recv(65536)):
            got += len(chunk)
        self.lengths.append(got)
        return head

    def reply(self, sock: socket.socket, _head: bytes) -> None:
        sock.sendall(response(self.status, self.body, {"Content-Type": "application/json"}))


@contextmanager
def sink(status: str = "201 CREATED", reply: object = UPLOADED) -> Iterator[tuple[str, Sink]]:
    server = Sink(status, reply)
    with serve(server.reply, server.read) as (url, _heads):
        yield url, server


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("upload") / "big.bin"
    with path.open("wb") as out:
        for index in range(SIZE // MIB):
            out.write(bytes([index]) * MIB)
    return path


def upload(source: Path | IO[bytes] | bytes) -> UploadFileRequest:
    body = UploadFileRequestBody.builder().file(source).file_name("big.bin").user("u-1").build()
    return UploadFileRequest.builder().request_body(body).build()


@pytest.mark.parametrize("source", ["path", "file object", "bytes"])
def test_a_large_upload_is_streamed_not_read_into_memory(mode: str, source: str, big_file: Path) -> None:
    option = RequestOption.builder().api_key("app-k").max_retries(0).build()
    with (
        sink() as (url, server),
        Client.builder().domain(url).build() as client,
        big_file.open("rb") as opened,
    ):
        content: Path | IO[bytes] | bytes = big_file if source == "path" else opened
        request = upload(opened.read() if source == "bytes" else content)
        tracemalloc.start()
        try:
            uploaded = call(mode, client.chatflow.v1.file, "upload_file", request, option)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert isinstance(uploaded, UploadFileResponse) and uploaded.size == SIZE
    [received] = server.lengths
    assert SIZE < received < SIZE + 512  # the file once, and a few part headers around it
    assert peak < 4 * MIB, f"peak {peak / MIB:.1f} MiB for a {SIZE // MIB} MiB file"


def test_the_bytes_sent_are_the_file_framed_as_one_part() -> None:
    option = RequestOption.builder().api_key("app-k").build()
    small = io.BytesIO(b"x" * 100_000)
    with sink() as (url, server), Client.builder().domain(url).build() as client:
        client.chatflow.v1.file.upload_file(upload(small), option)
    [received] = server.lengths
    assert 100_000 < received < 100_000 + 512  # the file once, plus a few part headers


def test_an_upload_refused_with_503_is_not_sent_again(mode: str) -> None:
    # A 503 in Dify's JSON is resent for every other API: Dify did no work. A file object read
    # once cannot be read again, so an upload is never resent once its bytes went out.
    refused = {"code": "service_unavailable", "message": "busy", "status": 503}
    option = RequestOption.builder().api_key("app-k").max_retries(3).build()
    with (
        sink("503 SERVICE UNAVAILABLE", refused) as (url, server),
        Client.builder().domain(url).build() as client,
        pytest.raises(InternalServerError) as raised,
    ):
        call(mode, client.chatflow.v1.file, "upload_file", upload(io.BytesIO(b"abc")), option)
    assert raised.value.status_code == 503 and raised.value.code == "service_unavailable"
    assert len(server.lengths) == 1
