"""The API key never shows up: not in logs, reprs, exception text or tracebacks with locals, and not in
anything reachable from an exception (its attributes, its traceback's frames and their locals,
containers, httpx's own objects), whether the fault comes from respx, the simulator or a raw socket."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import traceback
import types
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from pydantic import SecretStr

from dify_oapi import Client, DifyError, InvalidRequestError, RequestOption
from dify_oapi.testing.simulator import Fault, Simulator
from dify_oapi.testing.sse import encode_event
from tests.conftest import call, fixture_bytes
from tests.faults.conftest import (
    CHAT,
    CONVERSATIONS,
    ERROR_EVENT,
    KEY,
    MARKER,
    MESSAGE,
    chat,
    conversations,
    make_client,
)
from tests.faults.loopback import serve
from tests.faults.test_faults import CASES, ROUTES, Case, fault_client, run


def shown(exc: BaseException) -> str:
    with_locals = traceback.TracebackException.from_exception(exc, capture_locals=True)
    return str(exc) + repr(exc) + "".join(with_locals.format())


# -- through respx: every reply a chat stream can meet ------------------------------------------------

INVALID_KEY = next(
    c for c in json.loads(fixture_bytes("error_bodies.json")) if c["case"] == "invalid_api_key"
)


def stream_with_error_event() -> httpx.Response:
    error = {"event": "error", "conversation_id": "c", "message_id": "m", "created_at": 1}
    frame = encode_event({**error, "code": "invalid_param", "status": 400, "message": "Run failed: x"})
    return httpx.Response(200, content=frame, headers={"content-type": "text/event-stream"})


REPLIES: dict[str, Callable[[], httpx.Response]] = {
    "401": lambda: httpx.Response(401, json=INVALID_KEY["body"], headers=INVALID_KEY["headers"]),
    "500": lambda: httpx.Response(
        500, json={"code": "unknown", "message": "Internal Server Error", "status": 500}
    ),
    "mid-stream error": stream_with_error_event,
}


def raise_through(router: respx.MockRouter, client: Client, option: RequestOption, case: str) -> DifyError:
    route = router.post(CHAT)
    if case == "timeout":
        route.mock(side_effect=httpx.ReadTimeout("timed out"))
    else:
        route.mock(side_effect=lambda _: REPLIES[case]())
    with (
        pytest.raises(DifyError) as raised,
        client.chatflow.v1.chatflow.send_chat_message(chat(), option, True) as s,
    ):
        list(s)
    return raised.value


@pytest.mark.parametrize("case", ["401", "500", "timeout", "mid-stream error"])
def test_key_absent_from_logs_reprs_errors_and_tracebacks(
    case: str,
    router: respx.MockRouter,
    respx_client: Client,
    option: RequestOption,
    caplog: pytest.LogCaptureFixture,
    slept: list[float],
) -> None:
    caplog.set_level(logging.DEBUG)
    error = raise_through(router, respx_client, option, case)
    assert router.calls.last.request.headers["authorization"] == f"Bearer {KEY}"  # it was sent
    assert error.__context__ is None and error.__cause__ is None  # no httpx error (its request has the key)
    seen = (
        shown(error)
        + caplog.text
        + repr(respx_client)
        + repr(option)
        + repr(chat())
        + str(option.model_dump())
    )
    assert MARKER not in seen


# -- on real sockets: every fault of the fault suite ---------------------------------------------------


def raised_by(case: Case, sim: Simulator, option: RequestOption, mode: str) -> DifyError:
    sim.inject(*ROUTES[case.kind], case.fault, times=3)
    with pytest.raises(DifyError) as raised:
        run(case.kind, mode, fault_client(sim), option)
    return raised.value


@pytest.mark.parametrize("case", CASES, ids=str)
def test_no_fault_shows_the_key(
    case: Case,
    sim: Simulator,
    option: RequestOption,
    slept: list[float],
    caplog: pytest.LogCaptureFixture,
    mode: str,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx's and httpcore's
    error = raised_by(case, sim, option, mode)
    assert MARKER not in shown(error)
    assert MARKER not in caplog.text
    assert any(record.levelno == logging.DEBUG for record in caplog.records)  # the check saw DEBUG lines


def test_no_connection_failure_shows_the_key(option: RequestOption, slept: list[float], mode: str) -> None:
    with Simulator() as gone:
        client = Client.builder().domain(gone.url).build()
    with pytest.raises(DifyError) as raised:
        call(mode, client.chatflow.v1.chatflow, "send_chat_message", chat(), option)
    assert MARKER not in shown(raised.value)


# -- reprs and builds ------------------------------------------------------------------------------------


def test_reprs_of_client_option_request_and_streams_hide_the_key(
    sim: Simulator, option: RequestOption
) -> None:
    client = make_client(sim)
    chatflow = client.chatflow.v1.chatflow
    with chatflow.send_chat_message(chat(), option, True) as stream:
        shown_while_open = repr(stream) + repr(next(stream))
        assert "Stream" in repr(stream)

    async def async_repr() -> str:
        async with await chatflow.asend_chat_message(chat(), option, True) as stream:
            return repr(stream)

    texts = [repr(client), repr(client.config), repr(option), str(option), repr(chat()), shown_while_open]
    texts += [asyncio.run(async_repr()), repr(option.model_dump()), option.model_dump_json()]
    assert all(MARKER not in text for text in texts)


INVALID_BUILDS: dict[str, Callable[[], RequestOption]] = {
    "RequestOption.max_retries": lambda: RequestOption.builder().api_key(KEY).max_retries(-1).build(),
    "RequestOption.headers": lambda: RequestOption.builder().api_key(KEY).headers({"X-Bad": "a\nb"}).build(),
    "RequestOption.api_key": lambda: RequestOption.builder().api_key(KEY + "\n").build(),
}


@pytest.mark.parametrize("field", list(INVALID_BUILDS))
def test_invalid_builds_name_the_field_and_do_not_echo_the_key(field: str) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        INVALID_BUILDS[field]()
    assert field in str(raised.value) and MARKER not in shown(raised.value)
    assert raised.value.__context__ is None  # pydantic's error would keep the input, key included


def test_the_option_builder_never_holds_the_key_in_clear() -> None:
    builder = RequestOption.builder().api_key(KEY)
    assert MARKER not in repr(vars(builder))


@pytest.mark.parametrize("bad", ["", "   ", "key\r\nX-Injected: 1", 12345, None])
def test_bad_keys_fail_at_build(bad: object) -> None:
    with pytest.raises(InvalidRequestError, match="RequestOption.api_key"):
        RequestOption.builder().api_key(bad).build()  # type: ignore[arg-type]


# -- nothing reachable from an exception holds the key --------------------------------------------------

OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType, SecretStr)
LEAVES = (int, float, complex, bool, type(None))


def children(obj: object) -> list[object]:
    if isinstance(obj, types.TracebackType):
        return [obj.tb_frame, obj.tb_next]
    if isinstance(obj, types.FrameType):  # its locals, not its callers: those are the test's own
        return list(obj.f_locals.values())
    if isinstance(obj, dict):
        return [*obj.keys(), *obj.values()]
    if isinstance(obj, (list, tuple, set, frozenset)):
        return list(obj)
    found: list[object] = []
    if isinstance(obj, BaseException):
        found += [obj.__traceback__, obj.__context__, obj.__cause__, obj.args]
    if isinstance(getattr(obj, "__dict__", None), dict):
        found += list(vars(obj).values())
    for klass in type(obj).__mro__:
        found += [getattr(obj, name) for name in getattr(klass, "__slots__", ()) if hasattr(obj, name)]
    return found


def holders_of_the_key(root: object) -> list[str]:
    """Type names of every str/bytes holding the marker, with the type of what held it."""
    seen: set[int] = set()
    todo: list[tuple[object, str]] = [(root, "exception")]
    hits: list[str] = []
    while todo:
        obj, holder = todo.pop()
        if id(obj) in seen or isinstance(obj, LEAVES + OPAQUE):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            hits += [holder] if MARKER in obj else []
            continue
        if isinstance(obj, (bytes, bytearray)):
            hits += [holder] if MARKER.encode() in obj else []
            continue
        todo += [(child, type(obj).__name__) for child in children(obj)]
    assert len(seen) > 50  # the walk went somewhere: frames, the client, httpx's objects
    return hits


def provoke(mode: str, client: Client, option: RequestOption, api: str, request: Any) -> DifyError:
    """The exception, caught here: its traceback starts in this frame, whose locals hold no key."""
    try:
        if api == "stream":
            if mode == "sync":
                with client.chatflow.v1.chatflow.send_chat_message(request, option, True) as stream:
                    list(stream)
            else:

                async def read() -> None:
                    async with await client.chatflow.v1.chatflow.asend_chat_message(
                        request, option, True
                    ) as s:
                        async for _event in s:
                            pass

                asyncio.run(read())
        else:
            resource = (
                client.chatflow.v1.chatflow if api == "send_chat_message" else client.chatflow.v1.conversation
            )
            method = getattr(resource, api if mode == "sync" else "a" + api)
            result = method(request, option)
            if mode == "async":
                asyncio.run(result)
    except DifyError as error:
        return error
    raise AssertionError("no error")


FAULTS: dict[str, tuple[str, str, Fault, str, Callable[[], Any]]] = {
    "401": ("GET", CONVERSATIONS, Fault.status(401, INVALID_KEY["body"]), "get_conversations", conversations),
    "reset": ("GET", CONVERSATIONS, Fault.reset(), "get_conversations", conversations),
    "chat-cut": ("POST", CHAT, Fault.stream([MESSAGE], then="close"), "stream", chat),
    "error-event": ("POST", CHAT, Fault.stream([ERROR_EVENT], then="end"), "stream", chat),
    "wrong-shape": ("GET", CONVERSATIONS, Fault.status(200, {"data": 1}), "get_conversations", conversations),
    "too-large": ("POST", CHAT, Fault.raw(200, "application/json", b" " * 5000), "send_chat_message", chat),
}


@pytest.mark.parametrize("case", list(FAULTS))
def test_nothing_reachable_from_the_exception_holds_the_key(case: str, sim: Simulator, mode: str) -> None:
    method, path, fault, api, request = FAULTS[case]
    sim.inject(method, path, fault)
    client = Client.builder().domain(sim.url).max_body_bytes(4096).build()
    error = provoke(mode, client, RequestOption.builder().api_key(KEY).max_retries(0).build(), api, request())
    client.close()
    assert holders_of_the_key(error) == []


def test_nothing_reachable_after_a_timeout_holds_the_key(mode: str) -> None:
    def silent(sock: socket.socket, _request: bytes) -> None:
        sock.recv(1)

    with serve(silent) as (url, _):
        client = Client.builder().domain(url).timeout(0.3).build()
        option = RequestOption.builder().api_key(KEY).max_retries(1).build()
        error = provoke(mode, client, option, "get_conversations", conversations())
        client.close()
    assert "ReadTimeout" in str(error) and holders_of_the_key(error) == []
