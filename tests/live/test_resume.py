"""Against the real Dify: a slow run's chat cut after its first answer delta reattaches through
``get_workflow_events`` and ends with the whole answer, each event once; ``final_result()``
reports completed, stopped and failed runs (paused needs a human-input node the real apps lack:
tests/sessions/test_resume.py covers it on the simulator)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    ChatResult,
    DeleteConversationRequest,
    DeleteConversationRequestBody,
    MessageEvent,
    MessageReplaceEvent,
    StopChatMessageRequest,
    StopChatMessageRequestBody,
    WorkflowFinishedEvent,
)
from tests.helpers import chat
from tests.live.conftest import RealDify

FIRST_DELTA = b'"event":"message"'
PROGRESS = ("workflow_started", "node_started", "node_finished")


class CuttingProxy:
    """A TCP proxy to the real server that drops each chat connection right after its first
    answer delta, both ways at once, while Dify's run goes on; other connections pass through."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(self._upstream)
        request = client.recv(65536)
        upstream.sendall(request)
        chat = request.startswith(b"POST /v1/chat-messages ")
        threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
        seen = b""
        try:
            while data := upstream.recv(65536):
                if chat and (start := (seen + data).find(FIRST_DELTA)) >= 0:
                    end = (seen + data).find(b"\n\n", start)
                    if end >= 0:  # the whole first delta, then nothing more
                        client.sendall((seen + data)[len(seen) : end + 2])
                        self.cuts += 1
                        return
                seen += data
                client.sendall(data)
        except OSError:
            pass
        finally:
            for side in (client, upstream):
                # shutdown first: a plain close waits for the pump's recv and sends no FIN meanwhile
                with contextlib.suppress(OSError):
                    side.shutdown(socket.SHUT_RDWR)
                side.close()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def proxy(real_dify: RealDify) -> Iterator[CuttingProxy]:
    running = CuttingProxy(real_dify.domain)
    yield running
    running.close()


def forget(real_dify: RealDify, key: str, user: str, conversation_id: str | None) -> None:
    """Delete the conversation a test made: the server is shared."""
    if conversation_id is None:
        return
    option = RequestOption.builder().api_key(key).build()
    body = DeleteConversationRequestBody.builder().user(user).build()
    request = DeleteConversationRequest.builder().conversation_id(conversation_id).request_body(body).build()
    with Client.builder().domain(real_dify.domain).build() as client:
        client.chatflow.v1.conversation.delete_conversation(request, option)


def resumed_events(domain: str, key: str, query: str, user: str, mode: str) -> list[Any]:
    option = RequestOption.builder().api_key(key).build()
    with Client.builder().domain(domain).build() as client:
        chatflow = client.chatflow.v1.chatflow
        if mode == "sync":
            with chatflow.send_chat_message(chat(query, user), option, True, resume=True) as stream:
                events = list(stream)
                assert stream.complete and not stream.stopped
                return events

        async def run() -> list[Any]:
            async with await chatflow.asend_chat_message(
                chat(query, user), option, True, resume=True
            ) as stream:
                events = [event async for event in stream]
                assert stream.complete and not stream.stopped
                return events

        return asyncio.run(run())


def answer_of(events: list[Any]) -> str:
    parts: list[str] = []
    for event in events:
        if isinstance(event, MessageEvent):
            parts.append(event.answer)
        elif isinstance(event, MessageReplaceEvent):
            parts = [event.answer]
    return "".join(parts)


def test_a_slow_run_cut_after_its_first_delta_resumes_to_the_whole_answer_each_event_once(
    proxy: CuttingProxy, real_dify: RealDify, mode: str
) -> None:
    user, query = f"live-resume-{uuid.uuid4().hex[:8]}", f"resume {mode}"
    events = resumed_events(proxy.url, real_dify.slow_key, query, user, mode)
    try:
        assert proxy.cuts == 1
        assert isinstance(events[-1], WorkflowFinishedEvent) and events[-1].data.status == "succeeded"
        whole = (events[-1].data.outputs or {})["answer"]
        assert whole == f'Working on "{query}"... done: {{"slept": 12.0}}'
        assert answer_of(events) == whole
        first = next(e for e in events if isinstance(e, MessageEvent))
        assert first.answer == 'Working on "'  # what came before the cut
        keys = Counter((e.event, e.data.id) for e in events if e.event in PROGRESS)
        assert max(keys.values()) == 1 and keys[("workflow_started", events[0].data.id)] == 1
        assert [e.event for e in events].count("message_end") == 1
    finally:
        forget(real_dify, real_dify.slow_key, user, events[0].conversation_id if events else None)


def test_final_result_of_a_resumed_slow_run(proxy: CuttingProxy, real_dify: RealDify) -> None:
    user, query = f"live-resume-{uuid.uuid4().hex[:8]}", "resume to a result"
    option = RequestOption.builder().api_key(real_dify.slow_key).build()
    with Client.builder().domain(proxy.url).build() as client:
        chatflow = client.chatflow.v1.chatflow
        stream = chatflow.send_chat_message(chat(query, user), option, True, resume=True)
        with stream:
            result = stream.final_result()
    try:
        assert proxy.cuts == 1 and result.outcome == "completed"
        assert result.answer == f'Working on "{query}"... done: {{"slept": 12.0}}'
        assert None not in (result.conversation_id, result.message_id, result.task_id, result.workflow_run_id)
        assert result.usage is not None and result.outputs is not None
    finally:
        forget(real_dify, real_dify.slow_key, user, result.conversation_id)


def final(domain: str, key: str, query: str, user: str, mode: str, *, stop: bool = False) -> ChatResult:
    """The run's ``final_result()``; with ``stop``, stopped after its first delta."""
    option = RequestOption.builder().api_key(key).build()
    body = StopChatMessageRequestBody.builder().user(user).build()
    with Client.builder().domain(domain).build() as client:
        chatflow = client.chatflow.v1.chatflow
        if mode == "sync":
            with chatflow.send_chat_message(chat(query, user), option, True) as stream:
                if stop:
                    task = next(e for e in stream if isinstance(e, MessageEvent)).task_id
                    chatflow.stop_chat_message(
                        StopChatMessageRequest.builder().task_id(task).request_body(body).build(), option
                    )
                return stream.final_result()

        async def run() -> ChatResult:
            async with await chatflow.asend_chat_message(chat(query, user), option, True) as stream:
                if stop:
                    async for event in stream:
                        if isinstance(event, MessageEvent):
                            request = (
                                StopChatMessageRequest.builder()
                                .task_id(event.task_id)
                                .request_body(body)
                                .build()
                            )
                            await chatflow.astop_chat_message(request, option)
                            break
                return await stream.afinal_result()

        return asyncio.run(run())


def test_final_result_of_a_completed_run(real_dify: RealDify, mode: str) -> None:
    user = f"live-result-{uuid.uuid4().hex[:8]}"
    result = final(real_dify.domain, real_dify.key, "finish me", user, mode)
    try:
        assert (result.outcome, result.answer, result.error) == (
            "completed",
            "You said: finish me (turn 1)",
            None,
        )
        assert result.outputs == {"answer": result.answer, "files": []}
        assert result.usage is not None and result.retriever_resources == []
    finally:
        forget(real_dify, real_dify.key, user, result.conversation_id)


def test_final_result_of_a_stopped_run(real_dify: RealDify, mode: str) -> None:
    user = f"live-result-{uuid.uuid4().hex[:8]}"
    result = final(real_dify.domain, real_dify.slow_key, "stop me", user, mode, stop=True)
    try:
        assert result.outcome == "stopped" and result.error is None
        assert 'Working on "'.startswith(result.answer) or result.answer.startswith("stop me")
    finally:
        forget(real_dify, real_dify.slow_key, user, result.conversation_id)


def test_final_result_of_a_failed_run(real_dify: RealDify, mode: str) -> None:
    user = f"live-result-{uuid.uuid4().hex[:8]}"
    result = final(real_dify.domain, real_dify.failing_key, "fail me", user, mode)
    try:
        assert (
            result.outcome == "failed" and result.error is not None and "Connection refused" in result.error
        )
        assert result.failure is not None and result.failure.node_id is not None
        assert result.workflow_run_id == result.failure.workflow_run_id is not None
    finally:
        forget(real_dify, real_dify.failing_key, user, result.conversation_id)
