"""Reattaching a chat stream whose connection broke: ``send_chat_message(..., True, resume=True)``.

Dify 1.14 streams a run through a pub/sub channel and keeps no log of its events. Its events
endpoint, asked with ``include_state_snapshot``, first replays what its database holds (the run's
start, the answer as last saved, every node started or finished), then what the channel publishes
from then on. So a reattached stream drops the replayed events the caller already has, by their
identity (the run, a node execution, a form), and passes on the rest. Answer deltas published while
no one listened are lost on Dify's side too: when the run's final answer (``workflow_finished``
``outputs.answer``) shows some are missing, one ``message_replace`` carrying the whole answer comes
just before ``workflow_finished``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any

from pydantic import ValidationError

from dify_oapi.core.errors import APIConnectionError, APITimeoutError, DifyError, IncompleteStreamError

from ..model.events import (
    ChatflowEvent,
    HumanInputRequiredEvent,
    MessageEvent,
    MessageReplaceEvent,
    NodeFinishedEvent,
    NodeStartedEvent,
    UnknownEvent,
    WorkflowFinishedEvent,
    WorkflowStartedEvent,
    _ChatEvent,
    _WorkflowEvent,
)
from ..model.get_workflow_events_request import GetWorkflowEventsRequest
from .chat_stream import AsyncChatStream, ChatStream
from .event_reader import ChatflowEventReader

logger = logging.getLogger("dify_oapi")
# Reattaches in a row with no new event in between; a run that keeps dropping is given up on.
MAX_REATTACHES = 3
_BROKEN = (IncompleteStreamError, APIConnectionError)
_CONTEXT = ("conversation_id", "message_id", "created_at", "task_id")
NO_EVENTS: tuple[ChatflowEvent, ...] = ()


def _identity(event: ChatflowEvent) -> tuple[str, str] | None:
    """What the snapshot may send again, and how to know it."""
    if isinstance(event, WorkflowStartedEvent):
        return ("workflow_started", event.workflow_run_id)
    if isinstance(event, NodeStartedEvent | NodeFinishedEvent):
        return (event.event, event.data.id)
    if isinstance(event, HumanInputRequiredEvent):
        data: Any = event.data
        form_id = data.get("form_id") if isinstance(data, dict) else getattr(data, "form_id", None)
        return ("human_input_required", str(form_id))
    return None


class Reattach:
    """What the caller has received so far, and so what a reattached stream must not send again."""

    def __init__(self, reader: ChatflowEventReader, user: str) -> None:
        self.reader = reader
        self.user = user
        self.parts: list[str] = []  # the answer as the caller has it
        self.seen: set[tuple[str, str]] = set()
        self.run_id: str | None = None
        self.context: dict[str, Any] = {}  # the message's ids, which a finished run's reply lacks
        self.resumed = False
        self.tries = 0
        # The reattached stream being read, for a close() from another thread or task to reach.
        self.stream: ChatStream | None = None
        self.astream: AsyncChatStream | None = None
        self.closed = False  # the caller closed the stream: reattach no more

    def request(self, broken: DifyError) -> GetWorkflowEventsRequest:
        """The request that reattaches; raises ``broken`` when the run cannot be reattached."""
        if isinstance(broken, APITimeoutError) or self.run_id is None or self.tries >= MAX_REATTACHES:
            raise broken  # a timeout is Dify's silence, not a lost connection; no run id, nothing to ask
        self.tries += 1
        self.resumed = True
        self.reader.ends_at_workflow_finished = True  # the events endpoint closes after it
        logger.warning("stream broke before its end (%s); reattaching to run %s", broken, self.run_id)
        builder = GetWorkflowEventsRequest.builder().workflow_run_id(self.run_id).user(self.user)
        return builder.include_state_snapshot(True).build()

    def admit(self, event: ChatflowEvent) -> tuple[ChatflowEvent, ...]:
        """The events to hand on for ``event``, which is not an answer delta."""
        key = _identity(event)
        if key is not None:
            if key in self.seen:
                return NO_EVENTS
            self.seen.add(key)
        self.tries = 0  # a new event: the reattach worked
        if isinstance(event, _ChatEvent) and not self.context:
            self.context = {name: getattr(event, name) for name in _CONTEXT}
        if isinstance(event, _WorkflowEvent) and self.run_id is None:
            self.run_id = event.workflow_run_id
        if isinstance(event, MessageReplaceEvent):
            if self.resumed and "".join(self.parts).startswith(event.answer):
                return NO_EVENTS  # the answer Dify last saved, behind what the caller has
            self.parts = [event.answer]
            return (event,)
        if not self.resumed:
            return (event,)
        finished = self._typed(event)
        if isinstance(finished, WorkflowFinishedEvent):
            answer = (finished.data.outputs or {}).get("answer")
            if isinstance(answer, str) and answer != "".join(self.parts):
                self.parts = [answer]
                replace = {**self.context, "event": "message_replace", "answer": answer, "reason": "resumed"}
                return (MessageReplaceEvent.model_validate(replace), finished)
        return (finished,)

    def _typed(self, event: ChatflowEvent) -> ChatflowEvent:
        """A finished run's lone ``workflow_finished`` comes without the message's ids; with them
        added from the stream it continues, it is typed like any other."""
        if not (isinstance(event, UnknownEvent) and event.event == "workflow_finished" and self.context):
            return event
        try:
            fields = {**self.context, **(event.model_extra or {}), "event": event.event}
            return WorkflowFinishedEvent.model_validate(fields)
        except ValidationError:
            return event


def resuming(
    first: Generator[ChatflowEvent, None, None],
    reattach: Reattach,
    reopen: Callable[[GetWorkflowEventsRequest], ChatStream],
) -> Generator[ChatflowEvent, None, None]:
    """``first``'s events, then, each time the connection breaks, the reattached stream's."""
    source: Iterator[ChatflowEvent] = first
    admit = reattach.admit
    try:
        while True:
            try:
                for event in source:
                    if type(event) is MessageEvent:  # the hot path: deltas are never replayed
                        reattach.parts.append(event.answer)
                        yield event
                        continue
                    yield from admit(event)
                return
            except _BROKEN as broken:
                request = reattach.request(broken)
            if reattach.stream is not None:
                reattach.stream.close()
            source = reattach.stream = reopen(request)
            if reattach.closed:  # closed from elsewhere while it opened
                return
    finally:
        first.close()  # its own `finally` releases the first connection
        if reattach.stream is not None:
            reattach.stream.close()


async def aresuming(
    first: AsyncGenerator[ChatflowEvent, None],
    reattach: Reattach,
    reopen: Callable[[GetWorkflowEventsRequest], Awaitable[AsyncChatStream]],
) -> AsyncGenerator[ChatflowEvent, None]:
    """The async twin of ``resuming``."""
    source: AsyncIterator[ChatflowEvent] = first
    admit = reattach.admit
    try:
        while True:
            try:
                async for event in source:
                    if type(event) is MessageEvent:
                        reattach.parts.append(event.answer)
                        yield event
                        continue
                    for kept in admit(event):
                        yield kept
                return
            except _BROKEN as broken:
                request = reattach.request(broken)
            if reattach.astream is not None:
                await reattach.astream.aclose()
            source = reattach.astream = await reopen(request)
            if reattach.closed:
                return
    finally:
        await first.aclose()
        if reattach.astream is not None:
            await reattach.astream.aclose()
