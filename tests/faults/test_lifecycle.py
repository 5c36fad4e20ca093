"""Lifecycle: pools per event loop that do not pile up, a fork that never shares connections, close()
under calls in flight, an injected async client in a second loop, a client dropped unclosed."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import socket
import threading
import time
import warnings
from collections.abc import Callable

import httpx
import pytest

from dify_oapi import APIConnectionError, Client, DifyError, RequestOption
from dify_oapi.testing.simulator import Fault, Simulator
from tests.faults.conftest import CONVERSATIONS, DOWN, KEY, conversations, make_client, retries, settled
from tests.faults.loopback import response, serve

PAGE = json.dumps({"limit": 20, "has_more": False, "data": []}).encode()


def live(kind: type) -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if type(obj) is kind)


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_one_asyncio_run_per_call_leaves_no_loop_or_pool_behind(
    sim: Simulator, record_property: Callable[[str, object], None]
) -> None:
    client = make_client(sim)
    option = retries(0)

    def runs(count: int) -> None:
        for _ in range(count):
            asyncio.run(client.chatflow.v1.conversation.aget_conversations(conversations(), option))

    runs(3)
    before, pools_before, loops_before = (
        rss_mib(),
        live(httpx.AsyncClient),
        live(asyncio.new_event_loop().__class__),
    )
    runs(30)
    record_property("rss_mib_over_30_asyncio_runs", f"{before:.1f} -> {rss_mib():.1f}")
    assert live(httpx.AsyncClient) <= pools_before  # each run's pool went with its loop
    assert live(asyncio.new_event_loop().__class__) <= loops_before + 1
    assert settled(sim, 0) == 0


def test_a_loop_closed_without_asyncio_run_releases_its_sockets(sim: Simulator) -> None:
    client = make_client(sim)
    option = retries(0)
    for _ in range(3):
        loop = asyncio.new_event_loop()
        loop.run_until_complete(client.chatflow.v1.conversation.aget_conversations(conversations(), option))
        loop.close()  # no shutdown_asyncgens: the pool was never finalised
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # asyncio's note for each transport it closes
        client.close()
        gc.collect()
    assert settled(sim, 0) == 0 and live(httpx.AsyncClient) == 0


def test_an_injected_async_client_in_a_second_loop_is_a_clear_error(sim: Simulator) -> None:
    http = httpx.AsyncClient()
    client = Client.builder().domain(sim.url).async_http_client(http).build()
    option = retries(0)
    asyncio.run(client.chatflow.v1.conversation.aget_conversations(conversations(), option))
    with pytest.raises(APIConnectionError, match="another event loop.*one client per event loop"):
        asyncio.run(client.chatflow.v1.conversation.aget_conversations(conversations(), option))


def test_after_fork_the_child_opens_its_own_connection() -> None:
    ports: list[int] = []

    def answer(sock: socket.socket, _request: bytes) -> None:
        ports.append(sock.getpeername()[1])
        sock.sendall(response("200 OK", PAGE, {"Content-Type": "application/json"}))

    with serve(answer) as (url, _):
        client = Client.builder().domain(url).build()
        client.chatflow.v1.conversation.get_conversations(conversations(), retries(0))  # pooled now
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                client.chatflow.v1.conversation.get_conversations(conversations(), retries(0))
            finally:
                os._exit(0)
        _, status = os.waitpid(child, 0)
        client.chatflow.v1.conversation.get_conversations(conversations(), retries(0))
        client.close()
    assert status == 0 and len(ports) == 3
    assert ports[0] == ports[2] != ports[1]  # the parent kept its connection; the child made its own


def test_close_during_a_call_gives_that_call_a_dify_error(sim: Simulator) -> None:
    client = make_client(sim)
    sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN))  # the call then waits about 0.5 s
    failures: list[BaseException] = []

    def call() -> None:
        try:
            client.chatflow.v1.conversation.get_conversations(conversations(), retries(1))
        except BaseException as error:
            failures.append(error)

    thread = threading.Thread(target=call)
    thread.start()
    while sim.count("GET", CONVERSATIONS) == 0:
        time.sleep(0.01)
    client.close()
    thread.join(timeout=5)
    assert len(failures) == 1 and isinstance(failures[0], DifyError)
    assert "closed while this call was under way" in str(failures[0])


def test_aclose_during_a_task_gives_that_task_a_dify_error(sim: Simulator) -> None:
    client = make_client(sim)
    sim.inject("GET", CONVERSATIONS, Fault.status(503, DOWN))

    async def main() -> BaseException | None:
        task = asyncio.create_task(
            client.chatflow.v1.conversation.aget_conversations(conversations(), retries(1))
        )
        while sim.count("GET", CONVERSATIONS) == 0:
            await asyncio.sleep(0.01)
        await client.aclose()
        try:
            await task
        except BaseException as error:
            return error
        return None

    failure = asyncio.run(main())
    assert isinstance(failure, DifyError), repr(failure)


def test_a_client_dropped_unclosed_closes_its_pool_without_a_resource_warning(sim: Simulator) -> None:
    client = Client.builder().domain(sim.url).build()
    client.chatflow.v1.conversation.get_conversations(
        conversations(), RequestOption.builder().api_key(KEY).build()
    )
    assert sim.open_connections == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del client
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert settled(sim, 0) == 0


def test_a_dropped_client_never_closes_an_injected_one(sim: Simulator) -> None:
    http = httpx.Client()
    client = Client.builder().domain(sim.url).http_client(http).build()
    client.chatflow.v1.conversation.get_conversations(conversations(), retries(0))
    del client
    gc.collect()
    assert not http.is_closed
    http.close()
