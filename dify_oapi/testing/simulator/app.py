"""The core: ``App.handle(request) -> reply`` over in-memory state, with no I/O of its own.

Flask's order is kept: faults first (they stand for the network), then route match, the API-key
check, the JSON body, the handler. Every handler runs under the state lock; a streamed reply's
steps run later, outside it, and take the lock only for what they change.
"""

from __future__ import annotations

import collections
import json
import logging
import secrets
import threading
from dataclasses import dataclass
from typing import Any

from . import annotation, app_settings, audio, chatflow, conversation, feedback, file, human_input, workflow
from .errors import ApiError, NotFoundPage, with_route_hint
from .faults import Fault, Injections, path_matches
from .routing import Call, Route, find
from .run import Answer
from .state import State
from .wire import JSON, Reply, Request, json_reply

_log = logging.getLogger("dify_oapi.testing.simulator")
ROUTES: tuple[Route, ...] = (
    *chatflow.routes.table,
    *conversation.routes.table,
    *annotation.routes.table,
    *app_settings.routes.table,
    *feedback.routes.table,
    *file.routes.table,
    *human_input.routes.table,
    *audio.routes.table,
    *workflow.routes.table,
)


@dataclass(frozen=True)
class RecordedRequest:
    """What the server saw; the Authorization header is dropped so keys never leak into logs."""

    method: str
    path: str
    query: dict[str, str]
    json: Any  # the parsed JSON body, None when there was none or it was not JSON
    headers: dict[str, str]


class App:
    """A Dify chatflow app: the 15 Service API routes, their state, recorded requests and faults."""

    def __init__(
        self,
        api_key: str,
        *,
        chunk_delay: float = 0.0,
        ping_interval: float = 10.0,
        legacy_order: bool = False,
        rejection_silence: float = 1.0,
        suggested_questions: bool = True,
        file_upload: bool = True,
        human_input: str | None = None,
        text_to_speech: bool = True,
    ) -> None:
        self.api_key = api_key
        self.chunk_delay = chunk_delay
        self.ping_interval = ping_interval
        self.legacy_order = legacy_order
        self.rejection_silence = rejection_silence
        self.suggested_questions = suggested_questions
        self.file_upload = file_upload  # off, as in the real echo app: a chat's files are dropped unread
        self.human_input = human_input  # a chatflow whose runs wait on this form (a Human Input node)
        self.text_to_speech = text_to_speech  # the app's text-to-speech feature
        self.state = State()
        self.requests: list[RecordedRequest] = []
        self._requests_lock = threading.Lock()
        self._faults = Injections()
        self._script: collections.deque[Answer] = collections.deque()

    def handle(self, request: Request) -> Reply:
        self._record(request)
        fault = self._faults.take(request.method, request.path)
        replaced = fault.reply() if fault is not None else None
        if replaced is not None:
            return replaced
        route: Route | None = None
        try:
            route, params = find(ROUTES, request.method, request.path)
            self._authorize(request.authorization)
            body = _json_body(request) if route.json_body else {}
            call = Call(request.path, params, request.query, body, fault, request)
            with self.state.lock:
                return route.handler(self, call)
        except NotFoundPage:
            return NotFoundPage.reply()
        except ApiError as error:
            if error.status == 404 and route is not None and route.not_found_hint is not None:
                error = with_route_hint(error, request.path, route.not_found_hint)
            return error.reply()
        except Exception:  # Dify's own catch-all: any unexpected error becomes its 500 body
            # Logged, so a simulator bug is seen, and answered, so the client gets a 500, not a dropped socket.
            _log.exception("simulator error on %s %s", request.method, request.path)
            return json_reply(500, {"message": "Internal Server Error", "code": "unknown", "status": 500})

    def inject(self, method: str, path: str, fault: Fault, times: int = 1) -> None:
        self._faults.add(method, path, fault, times)

    def script(self, *answers: str | Answer) -> None:
        with self.state.lock:
            self._script.extend(a if isinstance(a, Answer) else Answer(a) for a in answers)

    def next_answer(self) -> Answer | None:
        """The next scripted answer, if any; called under the state lock."""
        return self._script.popleft() if self._script else None

    def count(self, method: str, path: str) -> int:
        with self._requests_lock:
            return sum(1 for r in self.requests if r.method == method.upper() and path_matches(path, r.path))

    def _record(self, request: Request) -> None:
        try:
            parsed = json.loads(request.body) if request.body else None
        except ValueError:
            parsed = None
        kept = {name: value for name, value in request.headers.items() if name != "authorization"}
        with self._requests_lock:
            self.requests.append(RecordedRequest(request.method, request.path, request.query, parsed, kept))

    def _authorize(self, header: str | None) -> None:
        # validate_and_get_api_token in api/controllers/service_api/wraps.py
        if header is None or " " not in header:
            raise ApiError(
                401, "unauthorized", "Authorization header must be provided and start with 'Bearer'"
            )
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise ApiError(401, "unauthorized", "Authorization scheme must be 'Bearer'")
        if not secrets.compare_digest(token.strip().encode(), self.api_key.encode()):
            raise ApiError(401, "unauthorized", "Access token is invalid")


def _json_body(request: Request) -> JSON:
    # Dify's auth wrapper calls request.get_json() on JSON-user routes; Flask refuses other types.
    mimetype = request.content_type.split(";")[0].strip().lower()
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        message = (
            "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
        )
        raise ApiError(415, "unsupported_media_type", message)
    try:
        body = json.loads(request.body)
    except ValueError:
        message = "The browser (or proxy) sent a request that this server could not understand."
        raise ApiError(400, "bad_request", message) from None
    if not isinstance(body, dict):
        raise ApiError(500, "unknown", "Internal Server Error")  # Dify's ``.get("user")`` fails on it
    return body
