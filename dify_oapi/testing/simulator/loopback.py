"""``Simulator``: the app served on a loopback port from a background thread, and its command line."""

from __future__ import annotations

import argparse
import secrets
import string
import sys
import threading
import time
from collections.abc import Sequence

from .app import App, RecordedRequest
from .faults import Fault
from .run import Answer
from .server import Server


class Simulator:
    """A Dify chatflow app on a loopback port, served from a background thread.

    ``chunk_delay`` paces the streamed answer; ``ping_interval`` is Dify's 10 s ping
    cadence (shorten it to test read timeouts); ``legacy_order`` sends
    ``workflow_finished`` before ``message_end`` like Dify up to 1.13;
    ``rejection_silence`` is how long a streamed request rejected before its run starts
    stays silent after its ping before the stream ends (real Dify: 300 s);
    ``suggested_questions=False`` turns the app's "suggested questions after answer" off;
    ``file_upload=False`` turns its file upload off, so a chat's files are dropped unread.
    ``human_input`` set makes every unscripted run pause at a Human Input node showing that form;
    ``text_to_speech=False`` turns the app's text-to-speech off.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        chunk_delay: float = 0.0,
        ping_interval: float = 10.0,
        legacy_order: bool = False,
        rejection_silence: float = 1.0,
        suggested_questions: bool = True,
        file_upload: bool = True,
        human_input: str | None = None,
        text_to_speech: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        alphabet = string.ascii_letters + string.digits
        key = api_key or "app-" + "".join(secrets.choice(alphabet) for _ in range(24))
        self.app = App(
            key,
            chunk_delay=chunk_delay,
            ping_interval=ping_interval,
            legacy_order=legacy_order,
            rejection_silence=rejection_silence,
            suggested_questions=suggested_questions,
            file_upload=file_upload,
            human_input=human_input,
            text_to_speech=text_to_speech,
        )
        self._address = (host, port)
        self._disconnected = threading.Condition()
        self._disconnects = 0
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def api_key(self) -> str:
        return self.app.api_key

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order, without its Authorization header."""
        return self.app.requests

    @property
    def url(self) -> str:
        """Base URL without ``/v1``; routes are served under ``/v1/...``."""
        if self._server is None:
            raise RuntimeError("Simulator is not running; call start() first")
        return f"http://{self._server.server_name}:{self._server.server_port}"

    @property
    def open_connections(self) -> int:
        """Client connections the server holds right now, idle keep-alive ones included."""
        return 0 if self._server is None else self._server.open_connections()

    @property
    def disconnects(self) -> int:
        """Streamed responses the client abandoned before the server finished them."""
        with self._disconnected:
            return self._disconnects

    def start(self) -> Simulator:
        if self._server is None:
            self._server = Server(self._address, self.app, self._note_disconnect)
            serve = self._server.serve_forever
            self._thread = threading.Thread(target=serve, args=(0.1,), name="dify-simulator", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.close()
        if thread is not None:
            thread.join(timeout=1.0)
        self._server, self._thread = None, None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def inject(self, method: str, path: str, fault: Fault, times: int = 1) -> None:
        """Serve ``fault`` to the next ``times`` matching requests; ``path`` may end with ``*``."""
        self.app.inject(method, path, fault, times)

    def script(self, *answers: str | Answer) -> None:
        """Answer the next chat messages with these, in order; then the default answer resumes."""
        self.app.script(*answers)

    def count(self, method: str, path: str) -> int:
        """How many requests matched ``method`` and ``path`` (which may end with ``*``)."""
        return self.app.count(method, path)

    def wait_for_disconnects(self, count: int, timeout: float = 5.0) -> bool:
        with self._disconnected:
            return self._disconnected.wait_for(lambda: self._disconnects >= count, timeout)

    def _note_disconnect(self) -> None:
        with self._disconnected:
            self._disconnects += 1
            self._disconnected.notify_all()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m dify_oapi.testing.simulator",
        description="A loopback Dify chatflow server for examples, tests and benchmarks.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--api-key", help="default: a random app-... key")
    parser.add_argument("--chunk-delay", type=float, default=0.05, help="seconds between answer chunks")
    parser.add_argument("--ping-interval", type=float, default=10.0)
    parser.add_argument("--legacy-order", action="store_true", help="workflow_finished before message_end")
    parser.add_argument(
        "--rejection-silence",
        type=float,
        default=1.0,
        help="seconds a rejected stream stays silent (Dify: 300)",
    )
    args = parser.parse_args(argv)
    simulator = Simulator(**vars(args)).start()
    sys.stdout.write(f"DOMAIN={simulator.url}\nCHATFLOW_KEY={simulator.api_key}\n")
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        simulator.stop()
