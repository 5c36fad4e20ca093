"""A loopback Dify chatflow server for examples, end-to-end tests and benchmarks.

It answers the 15 chatflow Service API routes the way Dify does on the wire (status
codes, error bodies, SSE framing, event order, pings, per-``user`` scoping), so the
client can be exercised over real sockets without a Dify instance. Faults that a real
deployment produces only occasionally (resets, gateway pages, cut or stalled streams,
failed runs) can be injected per route. Standard library only: this module ships with
the package and is started by ``python -m dify_oapi.testing.simulator``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import logging
import math
import re
import secrets
import select
import socket
import socketserver
import string
import struct
import sys
import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

from dify_oapi.testing.sse import PING, encode_event

__all__ = ["Fault", "RecordedRequest", "Simulator", "main"]

JSON = dict[str, Any]
_T = TypeVar("_T")
_log = logging.getLogger("dify_oapi.testing.simulator")
_Issue = tuple[str, str, str, object]  # pydantic error: (location, message, type, input value)

_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_VARIABLE_NAME_RE = re.compile(r"^[a-zA-Z0-9_.-]{1,255}$")
# How often slow or stalled streams look up: bounds how late stop(), a stop request or a
# vanished client is noticed, without a wake-up socket per connection.
_POLL_SECONDS = 0.05
_DEFAULT_USER = "DEFAULT-USER"  # Dify's end user when an optional ``user`` is omitted
_APP_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
_WORKFLOW_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
_CHUNK_CHARS = 5
_NOT_FOUND_PAGE = (
    b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    b"<p>The requested URL was not found on the server. If you entered the URL manually "
    b"please check your spelling and try again.</p>\n"
)
# The simulated chatflow, as (node_id, node_type, title): start -> LLM -> answer.
_NODES = (
    ("1711528914102", "start", "开始"),
    ("1711528917865", "llm", "LLM"),
    ("answer", "answer", "直接回复"),
)
_NODE_COMMON: JSON = {"inputs_truncated": False, "extras": {}, "iteration_id": None, "loop_id": None}
_NODE_DONE: JSON = {
    "process_data": None,
    "process_data_truncated": False,
    "outputs_truncated": False,
    "files": [],
}
_SEED_VARIABLES: tuple[tuple[str, str, object, str], ...] = (
    ("user_preference", "string", "dark_mode", "User preference setting"),
    ("turns", "number", 3, ""),
    ("vip", "boolean", True, ""),
    ("profile", "object", {"lang": "zh", "vip": True}, "value is Python str() of the object, not JSON"),
    ("tags", "array[string]", ["a", "b"], ""),
)
_JOB_STAGES = ("waiting", "processing", "completed")
_SORTS = ("created_at", "-created_at", "updated_at", "-updated_at")


@dataclass(frozen=True)
class RecordedRequest:
    """What the server saw; the Authorization header is dropped so keys never leak into logs."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    headers: dict[str, str]


@dataclass(frozen=True)
class Fault:
    """A misbehaviour served instead of the normal answer; build it with the classmethods."""

    kind: Literal["reset", "status", "stream", "run_failed"]
    http_status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    chunks: tuple[bytes | float, ...] = ()
    then: Literal["close", "stall", "end"] = "end"
    ping_every: float | None = None
    error: str = ""

    @classmethod
    def reset(cls) -> Fault:
        """Read the request, then reset the connection (RST) before any status line."""
        return cls("reset")

    @classmethod
    def status(
        cls, code: int, body: bytes | Mapping[str, Any], headers: Mapping[str, str] | None = None
    ) -> Fault:
        """Any status; a mapping body is sent as JSON, bytes as given (JSON unless headers say otherwise)."""
        raw = body if isinstance(body, bytes) else json.dumps(dict(body)).encode()
        extra = dict(headers or {})
        if not any(name.lower() == "content-type" for name in extra):
            extra["Content-Type"] = "application/json"
        return cls("status", http_status=code, body=raw, headers=tuple(extra.items()))

    @classmethod
    def raw(cls, status: int, content_type: str, body: bytes) -> Fault:
        """Arbitrary bytes with a Content-Length: huge bodies, bad UTF-8, JSON of the wrong shape."""
        return cls("status", http_status=status, body=body, headers=(("Content-Type", content_type),))

    @classmethod
    def stream(
        cls,
        chunks: Sequence[bytes | float],
        then: Literal["close", "stall", "end"],
        ping_every: float | None = None,
    ) -> Fault:
        """200 event stream of raw chunks (a float is a pause, pinging on schedule), then a cut
        (FIN mid-body), a stall, or a proper end."""
        return cls("stream", chunks=tuple(chunks), then=then, ping_every=ping_every)

    @classmethod
    def run_failed(cls, error: str) -> Fault:
        """For ``POST /v1/chat-messages`` only: the LLM node fails with ``error``; ignored elsewhere."""
        return cls("run_failed", error=error)


# ----------------------------------------------------------------------------- errors and validation


class _ApiError(Exception):
    """A Dify error body ``{code, message[, params], status}`` with its HTTP status."""

    def __init__(self, status: int, code: str, message: str, params: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.params = status, code, message, params

    def body(self) -> JSON:
        params = {} if self.params is None else {"params": self.params}
        return {"code": self.code, "message": self.message, **params, "status": self.status}


class _NotFoundPage(Exception):
    """No route matched: Flask answers with Werkzeug's HTML page, not a JSON body."""


def _not_found(message: str) -> _ApiError:
    return _ApiError(404, "not_found", message)


def _invalid(message: str) -> _ApiError:
    return _ApiError(400, "invalid_param", message)


def _pydantic_error(model: str, *issues: _Issue) -> _ApiError:
    """Dify maps pydantic's ValidationError to ``invalid_param`` with ``str(error)`` as message."""
    lines = [f"{len(issues)} validation error{'s' if len(issues) > 1 else ''} for {model}"]
    for loc, msg, kind, value in issues:
        lines += [loc] if loc else []
        lines.append(f"  {msg} [type={kind}, input_value={value!r}, input_type={type(value).__name__}]")
        lines.append(f"    For further information visit https://errors.pydantic.dev/2.12/v/{kind}")
    return _invalid("\n".join(lines))


_KINDS: dict[str, tuple[tuple[type, ...], str, str]] = {
    "str": ((str,), "Input should be a valid string", "string_type"),
    "dict": ((dict,), "Input should be a valid dictionary", "dict_type"),
    "bool": ((bool,), "Input should be a valid boolean", "bool_type"),
    "list": ((list,), "Input should be a valid list", "list_type"),
    "number": ((int, float), "Input should be a valid number", "float_type"),
}


def _validate(model: str, body: JSON, **fields: str) -> None:
    """Check body fields like pydantic would; ``name="str"`` is required, ``name="str?"`` optional/null."""
    issues: list[_Issue] = []
    for name, spec in fields.items():
        kind, optional = spec.rstrip("?"), spec.endswith("?")
        types, msg, code = _KINDS[kind]
        if name not in body:
            issues += [] if optional else [(name, "Field required", "missing", body)]
            continue
        value = body[name]
        wrong = (isinstance(value, bool) and bool not in types) or not isinstance(value, types)
        if (not optional) if value is None else wrong:
            issues.append((name, msg, code, value))
    if issues:
        raise _pydantic_error(model, *issues)


def _choice(model: str, name: str, value: object, allowed: Sequence[str]) -> str:
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed[:-1]) + f" or {allowed[-1]!r}"
        raise _pydantic_error(model, (name, f"Input should be {options}", "literal_error", value))
    return str(value)


def _uuid_arg(query: Mapping[str, str], name: str, model: str, *, required: bool = False) -> str | None:
    value = query.get(name)
    if not value:
        if required:
            raise _pydantic_error(model, (name, "Field required", "missing", dict(query)))
        return None
    if not _UUID_RE.match(value):
        raise _pydantic_error(model, (name, "Input should be a valid UUID", "uuid_parsing", value))
    return value.lower()


def _limit_arg(query: Mapping[str, str], model: str) -> int:
    raw = query.get("limit", "20")
    if not raw.strip().lstrip("-").isdigit():
        msg = "Input should be a valid integer, unable to parse string as an integer"
        raise _pydantic_error(model, ("limit", msg, "int_parsing", raw))
    if not 1 <= int(raw) <= 100:
        low = int(raw) < 1
        msg = f"Input should be {'greater' if low else 'less'} than or equal to {1 if low else 100}"
        raise _pydantic_error(model, ("limit", msg, "greater_than_equal" if low else "less_than_equal", raw))
    return int(raw)


def _lenient_int(raw: str | None, default: int) -> int:
    """Flask's ``request.args.get(type=int)``: anything unparsable silently becomes the default."""
    try:
        return default if raw is None else int(raw)
    except ValueError:
        return default


def _keyset_page(
    items: Iterable[_T], key: Callable[[_T], int], descending: bool, after: _T | None, limit: int
) -> tuple[list[_T], bool]:
    """Dify's keyset paging: strictly beyond the cursor's sort value; ``has_more`` is exact."""
    ordered = sorted(items, key=key, reverse=descending)
    if after is not None:
        pivot = key(after)
        ordered = [item for item in ordered if (key(item) < pivot if descending else key(item) > pivot)]
    return ordered[:limit], len(ordered) > limit


def _infer_type(value: object) -> str:
    """``SegmentType.infer_segment_type`` names, as Dify's type-mismatch message shows them."""
    if isinstance(value, list):
        kinds = {_infer_type(item) for item in value}
        if len(kinds) == 1 and kinds <= {"string", "number", "object", "boolean"}:
            return f"array[{kinds.pop()}]"
        return "array[number]" if kinds <= {"number"} else "array[any]"
    for kind, types in (("boolean", bool), ("number", (int, float)), ("string", str), ("object", dict)):
        if isinstance(value, types):
            return kind
    return "none"


def _type_matches(value_type: str, value: object) -> bool:
    """Spec section 8.2: the JSON kind each ``value_type`` accepts (a bool is never a number)."""
    scalar = {"string": "string", "secret": "string", "boolean": "boolean", "object": "object"}
    if value_type in ("number", "integer", "float"):
        return _infer_type(value) == "number"
    if value_type in scalar:
        return _infer_type(value) == scalar[value_type]
    if not (value_type.startswith("array[") and isinstance(value, list)):
        return False
    element = value_type[len("array[") : -1]
    return element == "any" or all(_type_matches(element, item) for item in value)


# ----------------------------------------------------------------------------- in-memory state


@dataclass
class _Variable:
    id: str
    name: str
    value_type: str
    value: object
    description: str
    created_at: int
    updated_at: int

    def view(self) -> JSON:
        # Dify renders the value with Python str(): "3", "True", "{'lang': 'zh'}", never JSON.
        return {**asdict(self), "value": None if self.value is None else str(self.value)}


@dataclass
class _Conversation:
    id: str
    user: str
    name: str
    inputs: JSON
    created_at: int
    updated_at: int
    messages: list[JSON] = field(default_factory=list)
    variables: list[_Variable] = field(default_factory=list)

    def view(self) -> JSON:
        head = {"id": self.id, "name": self.name, "inputs": self.inputs, "status": "normal"}
        return {**head, "introduction": "", "created_at": self.created_at, "updated_at": self.updated_at}


def _usage(prompt_tokens: int, completion_tokens: int, latency: float) -> JSON:
    """Dify's LLMUsage: token counts as ints, money as 7-decimal strings."""
    step = Decimal("0.0000001")
    prompt_price = (Decimal(prompt_tokens) * Decimal("0.000001")).quantize(step)
    completion_price = (Decimal(completion_tokens) * Decimal("0.000002")).quantize(step)
    usage: JSON = {"prompt_tokens": prompt_tokens, "prompt_unit_price": "0.001", "prompt_price_unit": "0.001"}
    usage |= {"prompt_price": str(prompt_price), "completion_tokens": completion_tokens}
    usage |= {"completion_unit_price": "0.002", "completion_price_unit": "0.001"}
    usage |= {"completion_price": str(completion_price), "total_tokens": prompt_tokens + completion_tokens}
    usage |= {"total_price": str(prompt_price + completion_price), "currency": "USD", "latency": latency}
    return usage | {"time_to_first_token": round(latency / 3, 3), "time_to_generate": round(latency / 1.5, 3)}


@dataclass
class _Run:
    """One chatflow execution; builds its events in the shape Dify emits them (fixtures/*.sse)."""

    conversation: _Conversation
    message: JSON
    user: str
    answer: str
    turn: int
    files: list[Any]
    task_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    run_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    node_ids: list[str] = field(default_factory=lambda: [str(uuid.uuid4()) for _ in _NODES])
    stop: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)
    sent: str = ""

    def now(self) -> int:
        return max(int(time.time()), int(self.message["created_at"]))

    def elapsed(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def usage(self) -> JSON:
        return _usage(32 + len(self.message["query"]), len(self.sent), self.elapsed())

    def chunks(self) -> list[str]:
        return [self.answer[i : i + _CHUNK_CHARS] for i in range(0, len(self.answer), _CHUNK_CHARS)]

    def event(self, name: str, **fields: Any) -> JSON:
        # Every chatflow event opens with these keys; `error` alone has no task_id.
        head: JSON = {
            "event": name,
            "conversation_id": self.conversation.id,
            "message_id": self.message["id"],
        }
        head |= {"created_at": self.message["created_at"], "task_id": self.task_id}
        if name == "error":
            del head["task_id"]
        return head | fields

    def system_inputs(self) -> JSON:
        sys_vars: JSON = {
            "sys.query": self.message["query"],
            "sys.files": self.files,
            "sys.user_id": self.user,
        }
        sys_vars |= {"sys.conversation_id": self.conversation.id, "sys.dialogue_count": self.turn}
        sys_vars |= {
            "sys.app_id": _APP_ID,
            "sys.workflow_id": _WORKFLOW_ID,
            "sys.workflow_run_id": self.run_id,
        }
        return {**self.conversation.inputs, **sys_vars}

    def workflow_started(self) -> JSON:
        data: JSON = {"id": self.run_id, "workflow_id": _WORKFLOW_ID, "inputs": self.system_inputs()}
        data |= {"created_at": self.now(), "reason": "initial"}
        return self.event("workflow_started", workflow_run_id=self.run_id, data=data)

    def node(self, index: int, *, finished: bool = False, error: str | None = None) -> JSON:
        node_id, node_type, title = _NODES[index]
        data: JSON = {"id": self.node_ids[index], "node_id": node_id, "node_type": node_type, "title": title}
        data |= {"index": index + 1, "predecessor_node_id": _NODES[index - 1][0] if index else None}
        data |= {"inputs": None, "created_at": self.now(), **_NODE_COMMON}
        if finished:
            del data["extras"]  # node_finished carries no extras
            usage = self.usage()
            llm_output = {"text": self.sent, "usage": usage, "finish_reason": "stop"}
            outputs = (self.system_inputs(), llm_output, {"answer": self.sent, "files": []})[index]
            cost = {k: usage[k] for k in ("total_tokens", "total_price", "currency")}
            data |= {
                "inputs": self.system_inputs() if index == 0 else {},
                "outputs": None if error else outputs,
            }
            data |= {
                "status": "failed" if error else "succeeded",
                "error": error,
                "elapsed_time": self.elapsed(),
            }
            data |= {"execution_metadata": cost if node_type == "llm" and not error else None, **_NODE_DONE}
            data |= {"finished_at": self.now()}
        name = "node_finished" if finished else "node_started"
        return self.event(name, workflow_run_id=self.run_id, data=data)

    def message_chunk(self, chunk: str) -> JSON:
        selector = [_NODES[1][0], "text"]
        return self.event("message", id=self.message["id"], answer=chunk, from_variable_selector=selector)

    def metadata(self) -> JSON:
        return {"retriever_resources": [], "usage": self.usage()}

    def message_end(self) -> JSON:
        return self.event("message_end", id=self.message["id"], metadata=self.metadata(), files=None)

    def workflow_finished(self, status: str, error: str | None = None) -> JSON:
        ok = status == "succeeded"
        data: JSON = {"id": self.run_id, "workflow_id": _WORKFLOW_ID, "status": status, "error": error}
        data |= {"outputs": {"answer": self.sent, "files": []} if ok else {}, "elapsed_time": self.elapsed()}
        data |= {"total_tokens": self.usage()["total_tokens"] if ok else 0, "total_steps": 3 if ok else 2}
        data |= {"created_by": {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, self.user)), "user": self.user}}
        data |= {"created_at": self.message["created_at"], "finished_at": self.now()}
        data |= {"exceptions_count": 0, "files": []}
        return self.event("workflow_finished", workflow_run_id=self.run_id, data=data)

    def error_event(self, message: str) -> JSON:
        return self.event("error", code="invalid_param", status=400, message=message)

    def blocking_body(self) -> JSON:
        ids: JSON = {"task_id": self.task_id, "id": self.message["id"], "message_id": self.message["id"]}
        body = {"event": "message", **ids, "conversation_id": self.conversation.id, "mode": "advanced-chat"}
        return body | {
            "answer": self.sent,
            "metadata": self.metadata(),
            "created_at": self.message["created_at"],
        }


# ----------------------------------------------------------------------------- routes


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    stream: Iterable[float | bytes] | None = None  # a float is a pause, bytes are written as one chunk
    wake: threading.Event | None = None
    ping_every: float | None = None
    then: Literal["close", "stall", "end"] = "end"


def _json_reply(status: int, payload: object, headers: tuple[tuple[str, str], ...] = ()) -> _Reply:
    # Flask-RESTX writes json.dumps defaults plus a newline: ASCII escapes, ", " separators.
    return _Reply(
        status, (json.dumps(payload) + "\n").encode(), (("Content-Type", "application/json"), *headers)
    )


@dataclass(frozen=True)
class _Request:
    method: str
    path: str
    query: dict[str, str]
    content_type: str
    raw_body: bytes
    authorization: str | None


@dataclass
class _Call:
    params: list[str]
    query: dict[str, str]
    body: JSON
    fault: Fault | None

    def user(self, *, required: bool = False, from_query: bool = False) -> str:
        value = (self.query if from_query else self.body).get("user")
        if required and not value:
            raise _invalid("Arg user must be provided.")
        return str(value) if value else _DEFAULT_USER


@dataclass(frozen=True)
class _Route:
    method: str
    segments: tuple[str, ...]  # literal segments, "{uuid}" (Flask's <uuid:>) or "{str}"
    handler: Callable[[_Call], _Reply]
    json_body: bool

    def match(self, parts: Sequence[str]) -> list[str] | None:
        if len(parts) != len(self.segments):
            return None
        params = []
        for pattern, part in zip(self.segments, parts, strict=True):
            if pattern == "{uuid}" and _UUID_RE.match(part):
                params.append(part.lower())
            elif pattern == "{str}" and part and "/" not in part:
                params.append(part)
            elif pattern != part:
                return None
        return params


def _json_body(request: _Request) -> JSON:
    # Dify's auth wrapper calls request.get_json() on JSON-user routes; Flask refuses other types.
    mimetype = request.content_type.split(";")[0].strip().lower()
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        message = (
            "Did not attempt to load JSON data because the request Content-Type was not 'application/json'."
        )
        raise _ApiError(415, "unsupported_media_type", message)
    try:
        body = json.loads(request.raw_body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise _ApiError(400, "bad_request", "Invalid JSON payload received or JSON payload is empty.")
    return body


class _App:
    """The 15 routes over in-memory state. Handlers run under ``_lock``, except the chat, which streams."""

    def __init__(self, sim: Simulator) -> None:
        self._sim = sim
        self._lock = threading.RLock()
        self._clock = int(time.time()) - 1
        self._conversations: dict[str, _Conversation] = {}
        self._message_owner: dict[str, _Conversation] = {}
        self._tasks: dict[str, _Run] = {}
        self._annotations: dict[str, JSON] = {}
        self._jobs: dict[str, tuple[str, int]] = {}  # job id -> (action, index in _JOB_STAGES)
        table: list[tuple[str, str, Callable[[_Call], _Reply], bool]] = [
            ("POST", "/v1/chat-messages", self.send_chat_message, True),
            ("POST", "/v1/chat-messages/{str}/stop", self.stop_chat_message, True),
            ("GET", "/v1/messages/{uuid}/suggested", self.get_suggested, False),
            ("GET", "/v1/conversations", self.get_conversations, False),
            ("GET", "/v1/messages", self.get_conversation_messages, False),
            ("DELETE", "/v1/conversations/{uuid}", self.delete_conversation, True),
            ("POST", "/v1/conversations/{uuid}/name", self.rename_conversation, True),
            ("GET", "/v1/conversations/{uuid}/variables", self.get_conversation_variables, False),
            ("PUT", "/v1/conversations/{uuid}/variables/{uuid}", self.update_conversation_variable, True),
            ("GET", "/v1/apps/annotations", self.list_annotations, False),
            ("POST", "/v1/apps/annotations", self.create_annotation, True),
            ("PUT", "/v1/apps/annotations/{uuid}", self.update_annotation, True),
            ("DELETE", "/v1/apps/annotations/{uuid}", self.delete_annotation, False),
            ("POST", "/v1/apps/annotation-reply/{str}", self.annotation_reply_action, True),
            ("GET", "/v1/apps/annotation-reply/{str}/status/{uuid}", self.annotation_reply_status, False),
        ]
        self._routes = [_Route(m, tuple(path.split("/")), handler, body) for m, path, handler, body in table]

    def dispatch(self, request: _Request, fault: Fault | None) -> _Reply:
        """Flask's order: route match, then the API-key check, then the JSON body, then the handler."""
        try:
            route, params = self._route(request.method, request.path)
            self._authorize(request.authorization)
            call = _Call(params, request.query, _json_body(request) if route.json_body else {}, fault)
            if route.handler == self.send_chat_message:
                return route.handler(call)  # takes the lock itself; must not hold it while streaming
            with self._lock:
                return route.handler(call)
        except _NotFoundPage:
            return _Reply(404, _NOT_FOUND_PAGE, (("Content-Type", "text/html; charset=utf-8"),))
        except _ApiError as error:
            headers = (("WWW-Authenticate", 'Bearer realm="api"'),) if error.status == 401 else ()
            return _json_reply(error.status, error.body(), headers)
        except Exception:  # Dify's own catch-all: any unexpected error becomes its 500 body
            # Logged, so a simulator bug is seen, and answered, so the client gets a 500, not a dropped socket.
            _log.exception("simulator error on %s %s", request.method, request.path)
            return _json_reply(500, {"message": "Internal Server Error", "code": "unknown", "status": 500})

    def _route(self, method: str, path: str) -> tuple[_Route, list[str]]:
        # Werkzeug matches decoded segments, so an id carrying %2F can never match a route.
        parts = [unquote(part) for part in path.split("/")]
        path_known = False
        for route in self._routes:
            params = route.match(parts)
            if params is not None and route.method == method:
                return route, params
            path_known = path_known or params is not None
        if path_known:
            raise _ApiError(405, "method_not_allowed", "The method is not allowed for the requested URL.")
        raise _NotFoundPage

    def _authorize(self, header: str | None) -> None:
        # validate_and_get_api_token in api/controllers/service_api/wraps.py
        if header is None or " " not in header:
            raise _ApiError(
                401, "unauthorized", "Authorization header must be provided and start with 'Bearer'"
            )
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise _ApiError(401, "unauthorized", "Authorization scheme must be 'Bearer'")
        if not secrets.compare_digest(token.strip().encode(), self._sim.api_key.encode()):
            raise _ApiError(401, "unauthorized", "Access token is invalid")

    def _tick(self) -> int:
        """Epoch seconds that never repeat, so every sort and keyset cursor is deterministic."""
        self._clock = max(int(time.time()), self._clock + 1)
        return self._clock

    def _conversation(self, conversation_id: str, user: str) -> _Conversation:
        conversation = self._conversations.get(conversation_id)
        if conversation is None or conversation.user != user:
            raise _not_found("Conversation Not Exists.")
        return conversation

    # -- chat

    def send_chat_message(self, call: _Call) -> _Reply:
        user, model, body = call.user(required=True), "ChatRequestPayload", call.body
        fields = {"query": "str", "inputs": "dict", "response_mode": "str?", "conversation_id": "str?"}
        _validate(model, body, **fields, files="list?", auto_generate_name="bool?")
        mode = "blocking" if body.get("response_mode") is None else body["response_mode"]
        mode = _choice(model, "response_mode", mode, ("streaming", "blocking"))
        conversation_id = (body.get("conversation_id") or "").strip()
        if conversation_id and not _UUID_RE.match(conversation_id):
            msg = "Value error, conversation_id must be a valid UUID"
            raise _pydantic_error(model, ("conversation_id", msg, "value_error", conversation_id))
        failure = call.fault.error if call.fault is not None and call.fault.kind == "run_failed" else None
        run = self._begin_run(user, conversation_id.lower(), body)
        if mode == "streaming":
            steps = (s if isinstance(s, float) else encode_event(s) for s in self._events(run, failure))
            stream = self._finishing(run, failure, steps)
            return _Reply(200, stream=stream, wake=run.stop, ping_every=self._sim.ping_interval)
        self._sim._shutdown.wait(self._sim.chunk_delay * len(run.chunks()))
        run.sent = "" if failure else run.answer
        self._finish_run(run, failure)
        if failure:
            raise _invalid(f"Run failed: {failure}")  # blocking mode turns a failed run into HTTP 400
        return _json_reply(200, run.blocking_body())

    def _begin_run(self, user: str, conversation_id: str, body: JSON) -> _Run:
        with self._lock:
            if conversation_id:
                conversation = self._conversation(conversation_id, user)
            else:
                conversation = self._new_conversation(user, body)
            history = conversation.messages
            query, turn = body["query"].replace("\x00", ""), len(history) + 1  # Dify strips NUL characters
            message: JSON = {"id": str(uuid.uuid4()), "conversation_id": conversation.id}
            message |= {
                "parent_message_id": history[-1]["id"] if history else None,
                "inputs": conversation.inputs,
            }
            message |= {"query": query, "answer": "", "message_files": [], "feedback": None}
            message |= {"retriever_resources": [], "agent_thoughts": [], "created_at": self._tick()}
            message |= {"status": "normal", "error": None, "extra_contents": []}
            history.append(message)
            conversation.updated_at = message["created_at"]
            self._message_owner[message["id"]] = conversation
            answer = f"第{turn}轮 — you asked: {query} 🚀 Dify 是一个开源的 LLM 应用开发平台。"
            run = _Run(conversation, message, user, answer, turn, list(body.get("files") or []))
            self._tasks[run.task_id] = run
            return run

    def _new_conversation(self, user: str, body: JSON) -> _Conversation:
        created = self._tick()
        name = body["query"][:20] if body.get("auto_generate_name") is not False else "New conversation"
        conversation = _Conversation(str(uuid.uuid4()), user, name, dict(body["inputs"]), created, created)
        for var_name, value_type, value, description in _SEED_VARIABLES:
            stamp, value = self._tick(), copy.deepcopy(value)
            conversation.variables.append(
                _Variable(str(uuid.uuid4()), var_name, value_type, value, description, stamp, stamp)
            )
        self._conversations[conversation.id] = conversation
        return conversation

    def _events(self, run: _Run, failure: str | None) -> Iterator[float | JSON]:
        """Spec section 4.4; a float is a pause (pings keep flowing), a dict an event."""
        yield from (run.workflow_started(), run.node(0), run.node(0, finished=True), run.node(1))
        if failure:
            yield float(self._sim.chunk_delay)
            yield from (run.node(1, finished=True, error=failure), run.workflow_finished("failed", failure))
            yield run.error_event(f"Run failed: {failure}")
            return
        for chunk in run.chunks():
            yield float(self._sim.chunk_delay)
            if run.stop.is_set():
                break
            run.sent += chunk
            yield run.message_chunk(chunk)
        if run.stop.is_set():
            yield from (run.workflow_finished("stopped", "Stopped by user."), run.message_end())
            return
        yield from (run.node(1, finished=True), run.node(2), run.node(2, finished=True))
        tail = [run.message_end(), run.workflow_finished("succeeded")]
        yield from reversed(tail) if self._sim.legacy_order else tail  # Dify <= 1.13: workflow first

    def _finishing(
        self, run: _Run, failure: str | None, steps: Iterator[float | bytes]
    ) -> Iterator[float | bytes]:
        try:
            yield from steps
        finally:
            self._finish_run(run, failure)

    def _finish_run(self, run: _Run, failure: str | None) -> None:
        usage = run.usage()
        with self._lock:
            run.message.update(answer=run.sent, status="error" if failure else "normal", error=failure)
            run.message.update(
                message_tokens=usage["prompt_tokens"], answer_tokens=usage["completion_tokens"]
            )
            run.message.update(total_tokens=usage["total_tokens"], provider_response_latency=run.elapsed())
            run.message.update(total_price=usage["total_price"], currency="USD")
            self._tasks.pop(run.task_id, None)

    def stop_chat_message(self, call: _Call) -> _Reply:
        user = call.user(required=True)
        run = self._tasks.get(call.params[0])
        if run is not None and run.user == user:  # another user's stop silently does nothing
            run.stop.set()
        return _json_reply(200, {"result": "success"})

    def get_suggested(self, call: _Call) -> _Reply:
        user, message_id = call.user(required=True, from_query=True), call.params[0]
        conversation = self._message_owner.get(message_id)
        if conversation is None or conversation.user != user:
            raise _not_found("Message Not Exists.")
        query = next(m["query"] for m in conversation.messages if m["id"] == message_id)
        questions = [f"Tell me more about {query[:20]}", "Dify 支持哪些模型?", "How do I deploy Dify?"]
        return _json_reply(200, {"result": "success", "data": questions})

    # -- conversations, messages, variables

    def get_conversations(self, call: _Call) -> _Reply:
        user, model = call.user(from_query=True), "ConversationListQuery"
        limit, last_id = _limit_arg(call.query, model), _uuid_arg(call.query, "last_id", model)
        sort_by = _choice(model, "sort_by", call.query.get("sort_by", "-updated_at"), _SORTS)
        mine = [c for c in self._conversations.values() if c.user == user]
        last = next((c for c in mine if c.id == last_id), None)
        if last_id and last is None:
            raise _not_found("Last Conversation Not Exists.")
        attr = sort_by.lstrip("-")
        page, more = _keyset_page(mine, lambda c: int(getattr(c, attr)), sort_by[0] == "-", last, limit)
        return _json_reply(200, {"limit": limit, "has_more": more, "data": [c.view() for c in page]})

    def get_conversation_messages(self, call: _Call) -> _Reply:
        user, model = call.user(from_query=True), "MessageListQuery"
        conversation_id = _uuid_arg(call.query, "conversation_id", model, required=True)
        first_id, limit = _uuid_arg(call.query, "first_id", model), _limit_arg(call.query, model)
        conversation = self._conversation(str(conversation_id), user)
        first = next((m for m in conversation.messages if m["id"] == first_id), None)
        if first_id and first is None:
            raise _not_found("First Message Not Exists.")
        page, more = _keyset_page(conversation.messages, lambda m: int(m["created_at"]), True, first, limit)
        # The newest `limit` messages, shown oldest first, as Dify reverses its query.
        return _json_reply(200, {"limit": limit, "has_more": more, "data": page[::-1]})

    def delete_conversation(self, call: _Call) -> _Reply:
        conversation = self._conversation(call.params[0], call.user())
        del self._conversations[conversation.id]
        for message in conversation.messages:
            self._message_owner.pop(message["id"], None)
        return _Reply(204)

    def rename_conversation(self, call: _Call) -> _Reply:
        model = "ConversationRenamePayload"
        _validate(model, call.body, name="str?", auto_generate="bool?")
        auto, name = bool(call.body.get("auto_generate")), call.body.get("name")
        if not auto and not (name and name.strip()):
            msg = "Value error, name is required when auto_generate is false"
            raise _pydantic_error(model, ("", msg, "value_error", call.body))
        conversation = self._conversation(call.params[0], call.user())
        if auto and not conversation.messages:
            raise _invalid("")  # the service raises a bare ValueError here
        conversation.name = conversation.messages[0]["query"][:20] if auto else str(name)
        conversation.updated_at = self._tick()
        return _json_reply(200, conversation.view())

    def get_conversation_variables(self, call: _Call) -> _Reply:
        model = "ConversationVariablesQuery"
        limit, last_id = _limit_arg(call.query, model), _uuid_arg(call.query, "last_id", model)
        name = call.query.get("variable_name")
        if name is not None and not _VARIABLE_NAME_RE.match(name):
            msg = "String should match pattern '^[a-zA-Z0-9_.-]+$'"
            raise _pydantic_error(model, ("variable_name", msg, "string_pattern_mismatch", name))
        conversation = self._conversation(call.params[0], call.user(from_query=True))
        last = next((v for v in conversation.variables if v.id == last_id), None)
        if last_id and last is None:
            raise _invalid("")  # the service raises a bare ValueError here
        named = [v for v in conversation.variables if name is None or v.name == name]
        page, more = _keyset_page(named, lambda v: v.created_at, False, last, limit)
        return _json_reply(200, {"limit": limit, "has_more": more, "data": [v.view() for v in page]})

    def update_conversation_variable(self, call: _Call) -> _Reply:
        if "value" not in call.body:
            raise _pydantic_error(
                "ConversationVariableUpdatePayload", ("value", "Field required", "missing", call.body)
            )
        conversation = self._conversation(call.params[0], call.user())
        variable = next((v for v in conversation.variables if v.id == call.params[1]), None)
        if variable is None:
            raise _not_found("Conversation Variable Not Exists.")
        value = call.body["value"]
        expected = "number" if variable.value_type == "integer" else variable.value_type  # shown as number
        if not _type_matches(variable.value_type, value):
            detail = f"expects {expected}, but got {_infer_type(value)} type"
            raise _ApiError(400, "bad_request", f"Type mismatch: variable '{variable.name}' {detail}")
        variable.value, variable.updated_at = value, self._tick()
        return _json_reply(200, variable.view())

    # -- annotations

    def list_annotations(self, call: _Call) -> _Reply:
        page = max(_lenient_int(call.query.get("page"), 1), 1)
        limit = min(max(_lenient_int(call.query.get("limit"), 20), 1), 100)
        word = call.query.get("keyword", "").lower()
        hits = [
            a
            for a in self._annotations.values()
            if word in a["question"].lower() or word in a["answer"].lower()
        ]
        hits.sort(key=lambda a: int(a["created_at"]), reverse=True)
        data = hits[(page - 1) * limit : page * limit]
        # Dify's has_more is a heuristic: a full page claims more even when it is the last.
        body = {
            "data": data,
            "has_more": len(data) == limit,
            "limit": limit,
            "total": len(hits),
            "page": page,
        }
        return _json_reply(200, body)

    def _annotation_fields(self, body: JSON) -> JSON:
        for name in ("question", "answer"):
            if not isinstance(body.get(name), str):  # reqparse: message = help text, params = field
                raise _ApiError(400, "invalid_param", f"Annotation {name}", params=name)
        return {"question": body["question"], "answer": body["answer"]}

    def _annotation(self, annotation_id: str) -> JSON:
        if annotation_id not in self._annotations:
            raise _not_found("Annotation not found")
        return self._annotations[annotation_id]

    def create_annotation(self, call: _Call) -> _Reply:
        annotation = {"id": str(uuid.uuid4()), **self._annotation_fields(call.body)}
        self._annotations[annotation["id"]] = annotation | {"hit_count": 0, "created_at": self._tick()}
        return _json_reply(201, self._annotations[annotation["id"]])

    def update_annotation(self, call: _Call) -> _Reply:
        annotation = self._annotation(call.params[0])
        annotation.update(self._annotation_fields(call.body))
        return _json_reply(200, annotation)

    def delete_annotation(self, call: _Call) -> _Reply:
        del self._annotations[self._annotation(call.params[0])["id"]]
        return _Reply(204)

    def annotation_reply_action(self, call: _Call) -> _Reply:
        model = "AnnotationReplyActionPayload"
        _validate(
            model,
            call.body,
            score_threshold="number",
            embedding_provider_name="str",
            embedding_model_name="str",
        )
        action = call.params[0]
        if action not in ("enable", "disable"):
            raise _invalid("Unsupported annotation reply action")
        for job_id, (job_action, stage) in self._jobs.items():
            if job_action == action and _JOB_STAGES[stage] != "completed":  # Dify returns the running job
                return _json_reply(200, {"job_id": job_id, "job_status": "processing"})
        job_id = str(uuid.uuid4())
        self._jobs[job_id] = (action, 0)
        return _json_reply(200, {"job_id": job_id, "job_status": "waiting"})

    def annotation_reply_status(self, call: _Call) -> _Reply:
        action, job_id = call.params
        if self._jobs.get(job_id, ("",))[0] != action:  # the Redis key embeds the action
            raise _invalid("The job does not exist.")
        stage = min(self._jobs[job_id][1] + 1, len(_JOB_STAGES) - 1)
        self._jobs[job_id] = (action, stage)
        return _json_reply(200, {"job_id": job_id, "job_status": _JOB_STAGES[stage], "error_msg": ""})


# ----------------------------------------------------------------------------- HTTP plumbing


class _StreamWriter:
    """Writes chunked SSE and waits between frames, pinging on Dify's wall-clock schedule."""

    def __init__(self, handler: _Handler, ping_every: float | None) -> None:
        self._sock: socket.socket = handler.connection
        self._wfile = handler.wfile
        self._shutdown = handler.sim._shutdown
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

    def pause(self, seconds: float, wake: threading.Event | None) -> bool:
        """Sleep ``seconds`` (or until ``wake``); False once the client left or the server stops."""
        deadline = time.monotonic() + seconds
        while not self._shutdown.is_set():
            now = time.monotonic()
            if now >= self._next_ping:
                self._next_ping += self._interval
                if not self.write(PING):
                    return False
            elif now >= deadline or (wake is not None and wake.is_set()):
                return True
            elif self._client_left(min(deadline, self._next_ping, now + _POLL_SECONDS) - now):
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
    server: _Server

    @property
    def sim(self) -> Simulator:
        return self.server.sim

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
        body, content_type = self.rfile.read(length) if length else b"", self.headers.get("Content-Type", "")
        request = _Request(
            self.command, url.path, query, content_type, body, self.headers.get("Authorization")
        )
        self.sim._record(request, self.headers.items())
        fault = self.sim._take_fault(self.command, url.path)
        if fault is not None and fault.kind == "reset":
            # SO_LINGER 0 turns close() into an RST, which is what a crashed upstream looks like.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif fault is not None and fault.kind in ("status", "stream"):
            stream = fault.chunks if fault.kind == "stream" else None
            reply = _Reply(fault.http_status, fault.body, fault.headers, stream, then=fault.then)
            reply.ping_every = fault.ping_every
            self._send(reply)
        else:
            self._send(self.sim._app.dispatch(request, fault))

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _send(self, reply: _Reply) -> None:
        if reply.stream is not None:
            self._send_stream(reply)
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

    def _send_stream(self, reply: _Reply) -> None:
        steps, writer, finished = reply.stream or (), None, False
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            writer = _StreamWriter(self, reply.ping_every)
            # all() stops at the first step that fails: the client left or the server is stopping.
            finished = all(
                writer.write(step) if isinstance(step, bytes) else writer.pause(step, reply.wake)
                for step in steps
            )
            if finished and reply.then == "stall":
                writer.pause(math.inf, None)
            elif finished and reply.then == "end":
                finished = writer.end()
        except OSError:
            finished = False
        finally:
            if isinstance(steps, Generator):
                steps.close()  # lets the run record its partial answer
        if writer is not None and writer.gone and not self.sim._shutdown.is_set():
            self.sim._note_disconnect()
        self.close_connection = self.close_connection or not finished or reply.then != "end"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 1024  # 500 streaming clients may connect at once

    def __init__(self, address: tuple[str, int], sim: Simulator) -> None:
        self.sim = sim
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

    def drop_connections(self) -> None:
        """Wake handlers blocked on idle keep-alive reads so none outlives stop()."""
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


# ----------------------------------------------------------------------------- public server


@dataclass
class _Injection:
    method: str
    path: str
    fault: Fault
    remaining: int


def _path_matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class Simulator:
    """A Dify chatflow app on a loopback port, served from a background thread.

    ``chunk_delay`` paces the streamed answer; ``ping_interval`` is Dify's 10 s ping
    cadence (shorten it to test read timeouts); ``legacy_order`` sends
    ``workflow_finished`` before ``message_end`` like Dify up to 1.13.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        chunk_delay: float = 0.0,
        ping_interval: float = 10.0,
        legacy_order: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        alphabet = string.ascii_letters + string.digits
        self.api_key = api_key or "app-" + "".join(secrets.choice(alphabet) for _ in range(24))
        self.chunk_delay = chunk_delay
        self.ping_interval = ping_interval
        self.legacy_order = legacy_order
        self.requests: list[RecordedRequest] = []
        self._address = (host, port)
        self._lock = threading.Lock()
        self._disconnected = threading.Condition(self._lock)
        self._disconnects = 0
        self._injections: list[_Injection] = []
        self._shutdown = threading.Event()
        self._app = _App(self)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

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
        with self._lock:
            return self._disconnects

    def start(self) -> Simulator:
        if self._server is None:
            self._shutdown.clear()
            self._server = _Server(self._address, self)
            serve = self._server.serve_forever
            self._thread = threading.Thread(target=serve, args=(0.1,), name="dify-simulator", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._shutdown.set()  # paced and stalled streams notice within _POLL_SECONDS
        server.shutdown()
        server.server_close()
        server.drop_connections()
        if thread is not None:
            thread.join(timeout=1.0)
        self._server, self._thread = None, None

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def inject(self, method: str, path: str, fault: Fault, times: int = 1) -> None:
        """Serve ``fault`` to the next ``times`` matching requests; ``path`` may end with ``*``."""
        with self._lock:
            self._injections.append(_Injection(method.upper(), path, fault, times))

    def count(self, method: str, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.method == method.upper() and _path_matches(path, r.path))

    def wait_for_disconnects(self, count: int, timeout: float = 5.0) -> bool:
        with self._disconnected:
            return self._disconnected.wait_for(lambda: self._disconnects >= count, timeout)

    def _record(self, request: _Request, headers: Iterable[tuple[str, str]]) -> None:
        try:
            parsed = json.loads(request.raw_body) if request.raw_body else None
        except ValueError:
            parsed = None
        kept = {name.lower(): value for name, value in headers if name.lower() != "authorization"}
        with self._lock:
            self.requests.append(RecordedRequest(request.method, request.path, request.query, parsed, kept))

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for injection in self._injections:
                if injection.method == method and _path_matches(injection.path, path):
                    injection.remaining -= 1
                    if injection.remaining <= 0:
                        self._injections.remove(injection)
                    return injection.fault
        return None

    def _note_disconnect(self) -> None:
        with self._disconnected:
            self._disconnects += 1
            self._disconnected.notify_all()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dify_oapi.testing.simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--api-key", help="default: a random app-... key")
    parser.add_argument("--chunk-delay", type=float, default=0.05, help="seconds between answer chunks")
    parser.add_argument("--ping-interval", type=float, default=10.0)
    parser.add_argument("--legacy-order", action="store_true", help="workflow_finished before message_end")
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


if __name__ == "__main__":
    main()
