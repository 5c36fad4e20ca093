"""The only module that touches sockets: a threading HTTP/1.1 server carrying the core's replies.

It turns bytes into a ``Request``, hands it to ``App.handle`` and writes the ``Reply``: a body
with a Content-Length, an RST, or a chunked SSE stream whose pauses ping on Dify's schedule and
end early when the client leaves or the server stops.
"""

from __future__ import annotations

import contextlib
import math
import select
import socket
import socketserver
import struct
import sys
import threading
import time
from collections.abc import Callable, Generator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from dify_oapi.testing.sse import PING

from .app import App
from .wire import Pause, Reply, Request

# How often slow or stalled streams look up: bounds how late stop(), a stop request or a
# vanished client is noticed, without a wake-up socket per connection.
_POLL_SECONDS = 0.05


class _StreamWriter:
    """Writes chunked SSE and waits between frames, pinging on Dify's wall-clock schedule."""

    def __init__(self, handler: _Handler, ping_every: float | None) -> None:
        self._sock: socket.socket = handler.connection
        self._wfile = handler.wfile
        self._shutdown = handler.server.shutting_down
        self._interval = ping_every if ping_every and ping_every > 0 else math.inf
        self._next_ping = time.monotonic() + self._interval  # measured from stream start, like Dify
        self.gone = False

    def write(self, data: bytes) -> bool:
        # An empty chunk would end the chunked body, so there is nothing to send.
        return not data or self._send(b"%x\r\n%s\r\n" % (len(data), data))

    def end(self) -> bool:
        return self._send(b"0\r\n\r\n")

    def _send(self, raw: bytes) -> bool:
        try:
            self._wfile.write(raw)
        except OSError:
            self.gone = True
        return not self.gone

    def pause(self, pause: Pause) -> bool:
        """Wait out ``pause``; False once the client left or the server stops."""
        deadline = time.monotonic() + pause.seconds
        while not self._shutdown.is_set():
            now = time.monotonic()
            next_ping = self._next_ping if pause.pings else math.inf
            if now >= next_ping:
                self._next_ping += self._interval
                if not self.write(PING):
                    return False
            elif now >= deadline or (pause.wake is not None and pause.wake.is_set()):
                return True
            elif self._client_left(min(deadline, next_ping, now + _POLL_SECONDS) - now):
                self.gone = True
                return False
        return False

    def _client_left(self, timeout: float) -> bool:
        # A client sends nothing while reading a response, so readability here means EOF or RST.
        if hasattr(select, "poll"):  # select() cannot watch descriptors >= 1024
            poller = select.poll()
            poller.register(self._sock, select.POLLIN)
            readable = bool(poller.poll(max(timeout, 0.0) * 1000))
        else:  # pragma: no cover - Windows
            readable = bool(select.select([self._sock], [], [], max(timeout, 0.0))[0])
        try:
            left = readable and self._sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True
        if readable and not left:
            self._shutdown.wait(timeout)  # pipelined bytes, not a disconnect: do not spin
        return left


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
        return  # no access log on stderr

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; Nagle plus delayed ACK would add 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, add=False)

    def do_GET(self) -> None:
        url, query = urlsplit(self.path), dict[str, str]()
        for key, value in parse_qsl(url.query, keep_blank_values=True):
            query.setdefault(key, value)  # Flask's args.get returns the first value
        length = int(self.headers.get("Content-Length") or 0)
        headers = {name.lower(): value for name, value in self.headers.items()}
        body = self.rfile.read(length) if length else b""
        reply = self.server.app.handle(Request(self.command, url.path, query, headers, body))
        if reply.reset:
            # SO_LINGER 0 turns close() into an RST, which is what a crashed upstream looks like.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif reply.stream is not None:
            self._send_stream(reply)
        else:
            self._send(reply)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _send(self, reply: Reply) -> None:
        if reply.delay > 0 and self.server.shutting_down.wait(reply.delay):
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.status != 204:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True

    def _send_stream(self, reply: Reply) -> None:
        steps, writer, finished = reply.stream or iter(()), None, False
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            writer = _StreamWriter(self, reply.ping_every)
            # all() stops at the first step that fails: the client left or the server is stopping.
            finished = all(writer.write(s) if isinstance(s, bytes) else writer.pause(s) for s in steps)
            if finished and reply.ending == "stall":
                writer.pause(Pause(math.inf))
            elif finished and reply.ending == "end":
                finished = writer.end()
        except OSError:
            finished = False
        finally:
            if isinstance(steps, Generator):
                steps.close()  # lets the run record its partial answer
        if writer is not None and writer.gone and not self.server.shutting_down.is_set():
            self.server.on_disconnect()
        self.close_connection = self.close_connection or not finished or reply.ending != "end"


class Server(ThreadingHTTPServer):
    """Serves ``app`` on ``address``; ``shutting_down`` wakes every paused stream."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 1024  # 500 streaming clients may connect at once

    def __init__(self, address: tuple[str, int], app: App, on_disconnect: Callable[[], None]) -> None:
        self.app = app
        self.on_disconnect = on_disconnect
        self.shutting_down: threading.Event = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn) that can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def track(self, connection: socket.socket, *, add: bool) -> None:
        with self._connections_lock:
            (self._connections.add if add else self._connections.discard)(connection)

    def open_connections(self) -> int:
        with self._connections_lock:
            return len(self._connections)

    def close(self) -> None:
        """Stop serving and wake handlers blocked on streams or idle keep-alive reads."""
        self.shutting_down.set()  # paced and stalled streams notice within _POLL_SECONDS
        self.shutdown()
        self.server_close()
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # clients hanging up are routine
            super().handle_error(request, client_address)
