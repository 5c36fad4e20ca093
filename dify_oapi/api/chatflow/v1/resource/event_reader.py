"""Reads one chat stream: types its frames and decides how the run ended."""

from __future__ import annotations

import logging
from typing import Any

from dify_oapi.core.errors import (
    IncompleteStreamError,
    ResponseValidationError,
    WorkflowFailedError,
    stream_error,
)
from dify_oapi.core.sse import Frame

from ..model.events import (
    ChatflowEvent,
    MessageEndEvent,
    MessageEvent,
    NodeFinishedEvent,
    UnknownEvent,
    WorkflowFinishedEvent,
    WorkflowPausedEvent,
    _ChatEvent,
    parse_event,
)

# A stop that lands between two nodes ends the run as failed with this error, not as stopped.
_ABORTED_BY_STOP = "Aborted: User requested stop"
logger: logging.Logger = logging.getLogger("dify_oapi")


class ChatflowEventReader:
    """Types the frames of one chat stream and decides how it ended.

    Dify 1.14 ends a run one of four ways: ``message_end`` (answered), ``workflow_paused`` (human
    input), ``workflow_finished`` ``stopped`` (a stop, no ``message_end``) or ``failed`` (no ``error``
    event either). Once ``message_end`` arrived, nothing that follows can cost the answer.

    The events endpoint (``get_workflow_events``) closes after ``workflow_finished``, and for a run
    already over sends nothing else: there ``ends_at_workflow_finished`` makes a succeeded one complete.
    """

    def __init__(self, method: str, path: str, *, ends_at_workflow_finished: bool = False) -> None:
        self.ends_at_workflow_finished = ends_at_workflow_finished
        self.complete = False
        self.paused = False
        self.stopped = False
        self.task_id: str | None = None
        self._method = method
        self._path = path
        self._succeeded: str | None = None  # status of a successful workflow_finished
        self._failed_node: tuple[str | None, str | None] = (None, None)
        self._failure: WorkflowFailedError | None = None

    def read(self, frame: Frame) -> ChatflowEvent | None:
        if frame.data is None:
            return None  # `event: ping` has no data line; it only keeps the read timeout alive
        try:
            event = parse_event(frame.data)
        except ResponseValidationError as exc:
            if not self.complete:
                raise
            self._ignored(exc)
            return None
        if self.task_id is None and isinstance(event, _ChatEvent):
            self.task_id = event.task_id
        if type(event) is MessageEvent:  # the hot path: most frames are answer deltas
            return event
        self._note(event)
        return event

    def _note(self, event: ChatflowEvent) -> None:
        if isinstance(event, MessageEndEvent):
            self.complete = True
        elif isinstance(event, WorkflowPausedEvent):
            # A paused run (human input) ends the stream without message_end; that is an outcome.
            self.complete = self.paused = True
        elif isinstance(event, NodeFinishedEvent):
            if event.data.status == "failed":
                self._failed_node = (event.data.node_id, event.data.title)
        elif isinstance(event, WorkflowFinishedEvent):
            self._finished(event.data.status, event.data.error, event.workflow_run_id)
        elif isinstance(event, UnknownEvent):
            self._unknown(event.event, event.model_extra or {})

    def _unknown(self, name: str, fields: dict[str, Any]) -> None:
        if name == "error":
            error = stream_error(fields, method=self._method, url=self._path)
            if not self.complete:
                raise error
            self._ignored(error)
            return
        # A drifted event still says how the run ended.
        data = fields.get("data")
        if not isinstance(data, dict):
            data = {}
        if name == "workflow_paused":
            self.complete = self.paused = True
        elif name == "node_finished" and data.get("status") == "failed":
            self._failed_node = (_text(data.get("node_id")), _text(data.get("title")))
        elif name == "workflow_finished":
            self._finished(data.get("status"), data.get("error"), _text(fields.get("workflow_run_id")))

    def _finished(self, status: object, error: object, workflow_run_id: str | None) -> None:
        if self.complete:  # after message_end the answer stands, whatever the run says
            return
        if status == "stopped" or (status == "failed" and error == _ABORTED_BY_STOP):
            self.complete = self.stopped = True
        elif status == "failed":
            # Raised at EOF: Dify before 1.14 follows with an `error` event, which then wins.
            node_id, node_title = self._failed_node
            self._failure = WorkflowFailedError(
                str(error or "no error text"),
                workflow_run_id=workflow_run_id,
                node_id=node_id,
                node_title=node_title,
                method=self._method,
                url=self._path,
            )
        elif isinstance(status, str):
            self._succeeded = status
            self.complete = self.ends_at_workflow_finished

    def _ignored(self, exc: Exception) -> None:
        logger.warning("stream %s %s: ignored after message_end: %s", self._method, self._path, exc)

    def finish(self) -> None:
        if self.complete:
            return
        if self._failure is not None:
            raise self._failure
        hint = (
            f" workflow_finished ({self._succeeded}) did arrive, so the text received so far may be"
            " the whole answer."
            if self._succeeded
            else ""
        )
        raise IncompleteStreamError(
            f"the stream ended before message_end ({self._method} {self._path}).{hint}"
        )

    def text(self, event: object) -> str | None:
        return event.answer if type(event) is MessageEvent else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
