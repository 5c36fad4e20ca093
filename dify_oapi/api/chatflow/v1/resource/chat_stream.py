"""The chat's streams: ``Stream`` and ``AsyncStream`` plus ``final_result()``, one typed result."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Generator
from typing import TYPE_CHECKING, Any

from dify_oapi.core.errors import IncompleteStreamError, WorkflowFailedError
from dify_oapi.core.stream import AsyncStream, Stream

from ..model.chat_result import ChatResult, Outcome
from ..model.common import RetrieverResource, Usage
from ..model.events import (
    ChatflowEvent,
    HumanInputRequiredEvent,
    MessageEndEvent,
    MessageEvent,
    MessageFileEvent,
    MessageReplaceEvent,
    UnknownEvent,
    WorkflowFinishedEvent,
    WorkflowPausedEvent,
    _ChatEvent,
    _WorkflowEvent,
)

if TYPE_CHECKING:
    from .resume import Reattach


class ResultFold:
    """Folds a run's events, one at a time, into its ``ChatResult``."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.ids: dict[str, str] = {}
        self.usage: Usage | None = None
        self.retriever_resources: list[RetrieverResource] = []
        self.files: list[MessageFileEvent] = []
        self.outputs: dict[str, Any] | None = None
        self.form: HumanInputRequiredEvent | None = None
        self.pause: WorkflowPausedEvent | None = None

    def add(self, event: ChatflowEvent) -> None:
        if type(event) is MessageEvent:
            self.parts.append(event.answer)
            return
        if isinstance(event, _ChatEvent):
            for name in ("conversation_id", "message_id", "task_id"):
                self.ids.setdefault(name, getattr(event, name))
            if isinstance(event, _WorkflowEvent):
                self.ids.setdefault("workflow_run_id", event.workflow_run_id)
        if isinstance(event, MessageReplaceEvent):
            self.parts = [event.answer]
        elif isinstance(event, MessageEndEvent):
            self.usage = event.metadata.usage
            self.retriever_resources = event.metadata.retriever_resources
        elif isinstance(event, MessageFileEvent):
            self.files.append(event)
        elif isinstance(event, WorkflowFinishedEvent):
            self.outputs = event.data.outputs
        elif isinstance(event, HumanInputRequiredEvent):
            self.form = event
        elif isinstance(event, WorkflowPausedEvent):
            self.pause = event
        elif isinstance(event, UnknownEvent) and event.event == "workflow_finished":
            self._finished_without_ids(event.model_extra or {})

    def _finished_without_ids(self, fields: dict[str, Any]) -> None:
        # A run already over when the events endpoint was asked: its workflow_finished alone, untyped.
        data = fields.get("data")
        outputs = data.get("outputs") if isinstance(data, dict) else None
        self.outputs = outputs if isinstance(outputs, dict) else None
        for name in ("task_id", "workflow_run_id"):
            if isinstance(value := fields.get(name), str):
                self.ids.setdefault(name, value)

    def result(self, outcome: Outcome, failure: WorkflowFailedError | None = None) -> ChatResult:
        ids = self.ids
        return ChatResult(
            outcome,
            "".join(self.parts),
            ids.get("conversation_id"),
            ids.get("message_id"),
            ids.get("task_id"),
            ids.get("workflow_run_id") or (failure.workflow_run_id if failure is not None else None),
            self.usage,
            self.retriever_resources,
            self.files,
            self.outputs,
            self.form if outcome == "paused" else None,
            self.pause,
            failure,
        )


def _outcome(stream: Stream[ChatflowEvent] | AsyncStream[ChatflowEvent]) -> Outcome:
    if stream.stopped:
        return "stopped"
    if stream.paused:
        return "paused"
    if stream.complete:
        return "completed"
    # Only a close() from elsewhere ends the events early without an error.
    raise IncompleteStreamError(f"the stream was closed before the run ended ({stream!r})")


class ChatStream(Stream[ChatflowEvent]):
    """A ``Stream`` of chat events that can also be read as one ``ChatResult``."""

    _reattach: Reattach | None = None

    def _continue_with(
        self,
        wrap: Callable[[Generator[ChatflowEvent, None, None]], Generator[ChatflowEvent, None, None]],
        reattach: Reattach,
    ) -> None:
        """Iterate ``wrap(events)`` instead of this stream's own events."""
        self._iterator = wrap(self._iterator)
        self._reattach = reattach

    def close(self) -> None:
        if self._reattach is not None:
            self._reattach.closed = True
        super().close()
        if self._reattach is not None and self._reattach.stream is not None:
            self._reattach.stream.close()  # a reattached read under way, maybe in another thread

    def final_result(self) -> ChatResult:
        """Read the rest of the stream and return the run's result; a failed run is reported in
        it (``outcome == "failed"``), not raised. Events already taken from the stream are not in it."""
        fold = ResultFold()
        add = fold.add
        try:
            for event in self:
                add(event)
        except WorkflowFailedError as failure:
            return fold.result("failed", failure)
        return fold.result(_outcome(self))


class AsyncChatStream(AsyncStream[ChatflowEvent]):
    """The async twin of ``ChatStream``."""

    _reattach: Reattach | None = None

    def _continue_with(
        self,
        wrap: Callable[[AsyncGenerator[ChatflowEvent, None]], AsyncGenerator[ChatflowEvent, None]],
        reattach: Reattach,
    ) -> None:
        self._iterator = wrap(self._iterator)
        self._reattach = reattach

    async def aclose(self) -> None:
        if self._reattach is not None:
            self._reattach.closed = True
        await super().aclose()
        if self._reattach is not None and self._reattach.astream is not None:
            await self._reattach.astream.aclose()

    async def afinal_result(self) -> ChatResult:
        """The async twin of ``ChatStream.final_result``."""
        fold = ResultFold()
        add = fold.add
        try:
            async for event in self:
                add(event)
        except WorkflowFailedError as failure:
            return fold.result("failed", failure)
        return fold.result(_outcome(self))
