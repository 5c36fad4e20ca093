"""A small scripted HTTP/1.1 server on a loopback port: one chat stream, played step by step.

Steps are bytes (sent as one chunk), ``Pings`` (a ping every ``every`` seconds for ``lasting``
seconds, as Dify does while a run is alive) and ``Hold`` (silence, like Dify before a run it
rejected). Stop requests are counted, and answered at once or only when the test ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PING = b"event: ping\n\n"


@dataclass(frozen=True)
class Pings:
    every: float
    lasting: float


@dataclass(frozen=True)
class Hold:
    lasting: float


Step = bytes | Pings | Hold


class Loopback:
    def __init__(
        self,
        script: list[Step],
        *,
        content_type: str = "text/event-stream; charset=utf-8",
        stop_hangs: bool = False,
    ) -> None:
        self.script = script
        self.content_type = content_type
        self.stop_hangs = stop_hangs
        self.stops = 0
        self.done = threading.Event()  # set when the test ends: every wait ends with it
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Loopback:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.done.set()
        self._server.shutdown()
        self._server.server_close()

    def chunks(self) -> Iterator[bytes]:
        for step in self.script:
            if isinstance(step, bytes):
                yield step
            elif isinstance(step, Pings):
                until = time.monotonic() + step.lasting
                while time.monotonic() < until and not self.done.wait(step.every):
                    yield PING
            else:
                self.done.wait(step.lasting)


def _handler(loopback: Loopback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path.endswith("/stop"):
                self._stop()
            else:
                self._stream()

        def _stop(self) -> None:
            loopback.stops += 1
            if loopback.stop_hangs:
                loopback.done.wait(30)
            body = b'{"result": "success"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", loopback.content_type)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for chunk in loopback.chunks():
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")
            except OSError:  # the client went away: what the test wanted
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
