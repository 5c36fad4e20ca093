"""The key cannot be reached: walk every object reachable from a raised exception (its attributes,
its traceback's frames and their locals, containers, httpx's own objects) and look for the key."""

from __future__ import annotations

import asyncio
import socket
import types
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import SecretStr

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.testing.simulator import Fault, Simulator
from tests.faults.conftest import CHAT, CONVERSATIONS, KEY, MARKER, MESSAGE, chat, conversations
from tests.faults.loopback import serve

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


UNAUTHORIZED = {"code": "unauthorized", "message": "Access token is invalid", "status": 401}
ERROR_EVENT = b'data: {"event": "error", "status": 400, "code": "invalid_param", "message": "x"}\n\n'
FAULTS: dict[str, tuple[str, str, Fault, str, Callable[[], Any]]] = {
    "401": ("GET", CONVERSATIONS, Fault.status(401, UNAUTHORIZED), "get_conversations", conversations),
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
