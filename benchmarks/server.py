"""The loopback server: asyncio, HTTP/1.1 keep-alive, every body rendered before the first request.

It runs in its own process (``python -m benchmarks.server --events 20000,500``), so on a two-core
machine it never competes with the client under test for the GIL. Per request it only parses the
head, picks a pre-built body and writes it, which keeps it far from being the bottleneck.

Routes: ``POST /v1/chat-messages`` with ``query = "events=<n>"`` streams the body for ``n`` answer
deltas, one frame per HTTP chunk (``"packed=<n>"``: in 16 KiB chunks); ``GET /v1/conversations`` answers ``tests/fixtures/conversations_page.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks.payload import StreamBody, conversations_page

ROOT = Path(__file__).resolve().parent.parent

_SSE_HEAD = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: text/event-stream; charset=utf-8\r\n"
    b"Cache-Control: no-cache\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n"
)


def _reply(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


_NOT_FOUND = _reply("404 Not Found", b'{"code":"not_found","message":"no such route","status":404}')
_NO_BODY = _reply("400 Bad Request", b'{"code":"invalid_param","message":"size not rendered","status":400}')


class Server:
    def __init__(self, sizes: list[int], packed: list[int]) -> None:
        self.streams = {f"events={n}": StreamBody(n).parts for n in sizes}
        self.streams |= {f"packed={n}": StreamBody(n, packed=True).parts for n in packed}
        self.page = _reply("200 OK", conversations_page())

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await self._one(reader, writer):
                pass
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client closed its connection
        finally:
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return False
        request_line, _, header_lines = head.partition(b"\r\n")
        method, target, _ = request_line.split(b" ", 2)
        length = 0
        for line in header_lines.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = await reader.readexactly(length) if length else b""
        path = target.partition(b"?")[0]
        if method == b"POST" and path == b"/v1/chat-messages":
            query: str = json.loads(body)["query"]
            parts = self.streams.get(query)
            if parts is None:
                writer.write(_NO_BODY)
            else:
                writer.write(_SSE_HEAD)
                for part in parts:
                    writer.write(part)
                    await writer.drain()
        elif method == b"GET" and path == b"/v1/conversations":
            writer.write(self.page)
        else:
            writer.write(_NOT_FOUND)
        await writer.drain()
        return True


async def _serve(sizes: list[int], packed: list[int]) -> None:
    server = Server(sizes, packed)
    # A deep backlog: the concurrency case opens hundreds of connections at once.
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0, backlog=2048)
    port = listener.sockets[0].getsockname()[1]
    print(port, flush=True)  # the parent waits for this line: bodies are rendered, the port is open
    async with listener:
        await listener.serve_forever()


@contextlib.contextmanager
def running(sizes: list[int], packed: list[int]) -> Iterator[str]:
    """Start the server in a child process; yield its base URL; stop it."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.server",
        "--events",
        _listed(sizes),
        "--packed",
        _listed(packed),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.strip().isdigit():
            raise RuntimeError(f"benchmark server did not start (exit {process.poll()})")
        yield f"http://127.0.0.1:{line.strip()}"
    finally:
        process.terminate()
        process.wait(10)


def _listed(sizes: list[int]) -> str:
    return ",".join(map(str, sorted(set(sizes))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", required=True, help="comma-separated stream sizes to pre-render")
    parser.add_argument("--packed", default="", help="comma-separated sizes to pre-render in 16 KiB chunks")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            _serve([int(n) for n in args.events.split(",")], [int(n) for n in args.packed.split(",") if n])
        )


if __name__ == "__main__":
    main()
