"""A whole streamed run in one object: what ``stream.final_result()`` returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from dify_oapi.core.errors import WorkflowFailedError

from .common import RetrieverResource, Usage
from .events import HumanInputRequiredEvent, MessageFileEvent, WorkflowPausedEvent

Outcome = Literal["completed", "stopped", "paused", "failed"]


@dataclass(frozen=True)
class ChatResult:
    """How the run ended and everything it produced.

    ``outcome`` is ``completed`` (``message_end``, or a run that finished succeeded), ``stopped``
    (``stop_chat_message``; ``answer`` is what was sent before the stop), ``paused`` (a human-input
    node waits: ``form`` is the form to answer, ``pause`` the ``workflow_paused`` event) or
    ``failed`` (``failure`` holds the ``WorkflowFailedError`` iterating would have raised).
    """

    outcome: Outcome
    answer: str  # the deltas joined, with every message_replace applied
    conversation_id: str | None = None
    message_id: str | None = None
    task_id: str | None = None
    workflow_run_id: str | None = None
    usage: Usage | None = None
    retriever_resources: list[RetrieverResource] = field(default_factory=list)
    files: list[MessageFileEvent] = field(default_factory=list)
    outputs: dict[str, Any] | None = None  # workflow_finished's outputs
    form: HumanInputRequiredEvent | None = None
    pause: WorkflowPausedEvent | None = None
    failure: WorkflowFailedError | None = None

    @property
    def error(self) -> str | None:
        """The failed run's error text."""
        return self.failure.error if self.failure is not None else None
