"""The events of a chatflow stream, one class each, and the reader that types them.

``ping`` never reaches the user (it only keeps the read timeout alive) and ``error`` is raised as
``StreamEventError``. Any event name this module does not know arrives as ``UnknownEvent`` with
all its fields kept, and so does a progress event whose shape a newer Dify changed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_args

from pydantic import Discriminator, Tag, TypeAdapter, ValidationError

from dify_oapi.core.errors import ResponseValidationError, field_errors
from dify_oapi.core.model import ResponseModel

from .common import MessageMetadata
from .human_input import (
    HumanInputFormFilledData,
    HumanInputFormTimeoutData,
    HumanInputRequiredData,
    WorkflowPausedData,
)


class _ChatEvent(ResponseModel):
    # Emitted first on every chatflow event; created_at is the message's, not the event's.
    conversation_id: str
    message_id: str
    created_at: int
    task_id: str


class WorkflowStartedData(ResponseModel):
    id: str
    workflow_id: str
    inputs: dict[str, Any]  # app inputs plus sys.* variables
    created_at: int
    reason: str | None = None  # newest: initial or resumption


class NodeData(ResponseModel):
    id: str
    node_id: str  # not a UUID: "1711528914102", "answer"
    node_type: str  # start, llm, knowledge-retrieval, answer, code, if-else, tool, ... (open list)
    title: str
    index: int
    predecessor_node_id: str | None = None
    inputs: dict[str, Any] | None = None
    created_at: int
    extras: dict[str, Any] | None = None
    iteration_id: str | None = None
    loop_id: str | None = None


class NodeFinishedData(NodeData):
    process_data: dict[str, Any] | None = None
    outputs: dict[str, Any] | None = None
    status: str  # a NodeStatus; str, so a status added by a newer Dify cannot abort a stream
    error: str | None = None
    elapsed_time: float
    execution_metadata: dict[str, Any] | None = None
    finished_at: int | None = None
    files: list[dict[str, Any]] | None = None


class NodeRetryData(NodeFinishedData):
    retry_index: int


class StepData(ResponseModel):
    """Iteration and loop progress; which keys appear depends on the step."""

    id: str
    node_id: str
    node_type: str
    title: str
    created_at: int | None = None
    index: int | None = None
    inputs: dict[str, Any] | None = None
    outputs: dict[str, Any] | None = None
    status: str | None = None  # succeeded, failed, ... on *_completed only
    error: str | None = None
    elapsed_time: float | None = None
    total_tokens: int | None = None
    steps: int | None = None


class WorkflowFinishedData(ResponseModel):
    id: str
    workflow_id: str
    status: str  # a WorkflowStatus; str, so a status added by a newer Dify cannot abort a stream
    outputs: dict[str, Any] | None = None
    error: str | None = None
    elapsed_time: float
    total_tokens: int
    total_steps: int
    created_by: dict[str, Any] | None = None  # {id, user} for end users; {id, name, email} for accounts
    created_at: int
    finished_at: int | None = None
    exceptions_count: int | None = None
    files: list[dict[str, Any]] | None = None


class ReasoningChunkData(ResponseModel):
    message_id: str | None = None
    reasoning: str
    node_id: str | None = None
    is_final: bool = False


class _WorkflowEvent(_ChatEvent):
    workflow_run_id: str


class _StepEvent(_WorkflowEvent):
    data: StepData


class WorkflowStartedEvent(_WorkflowEvent):
    event: Literal["workflow_started"]
    data: WorkflowStartedData


class NodeStartedEvent(_WorkflowEvent):
    event: Literal["node_started"]
    data: NodeData


class NodeFinishedEvent(_WorkflowEvent):
    event: Literal["node_finished"]
    data: NodeFinishedData


class NodeRetryEvent(_WorkflowEvent):
    event: Literal["node_retry"]
    data: NodeRetryData


class IterationStartedEvent(_StepEvent):
    event: Literal["iteration_started"]


class IterationNextEvent(_StepEvent):
    event: Literal["iteration_next"]


class IterationCompletedEvent(_StepEvent):
    event: Literal["iteration_completed"]


class LoopStartedEvent(_StepEvent):
    event: Literal["loop_started"]


class LoopNextEvent(_StepEvent):
    event: Literal["loop_next"]


class LoopCompletedEvent(_StepEvent):
    event: Literal["loop_completed"]


class AgentLogEvent(_ChatEvent):
    event: Literal["agent_log"]
    data: dict[str, Any]  # node_execution_id, label, status, ... (open shape)


class MessageEvent(_ChatEvent):
    event: Literal["message"]
    id: str
    answer: str
    from_variable_selector: list[str] | None = None


class MessageReplaceEvent(_ChatEvent):
    event: Literal["message_replace"]
    answer: str  # the whole replacement text, not a delta
    reason: str | None = None


class MessageFileEvent(_ChatEvent):
    event: Literal["message_file"]
    id: str
    type: str
    belongs_to: str | None = None
    url: str | None = None


class MessageEndEvent(_ChatEvent):
    event: Literal["message_end"]
    id: str
    metadata: MessageMetadata
    files: list[dict[str, Any]] | None = None


class TtsMessageEvent(_ChatEvent):
    event: Literal["tts_message"]
    audio: str  # base64 MP3 chunk


class TtsMessageEndEvent(_ChatEvent):
    event: Literal["tts_message_end"]
    audio: str


class ReasoningChunkEvent(_ChatEvent):
    event: Literal["reasoning_chunk"]
    data: ReasoningChunkData


class TextChunkEvent(_ChatEvent):
    event: Literal["text_chunk"]
    data: dict[str, Any]  # text, from_variable_selector


class WorkflowFinishedEvent(_WorkflowEvent):
    event: Literal["workflow_finished"]
    data: WorkflowFinishedData


class WorkflowPausedEvent(_WorkflowEvent):
    """The run waits (for human input): the stream ends here, without ``message_end``."""

    event: Literal["workflow_paused"]
    data: WorkflowPausedData


class HumanInputRequiredEvent(_WorkflowEvent):
    """A Human Input node waits; ``data.form_token`` is what the form APIs take."""

    event: Literal["human_input_required"]
    data: HumanInputRequiredData


class HumanInputFormFilledEvent(_WorkflowEvent):
    event: Literal["human_input_form_filled"]
    data: HumanInputFormFilledData


class HumanInputFormTimeoutEvent(_WorkflowEvent):
    event: Literal["human_input_form_timeout"]
    data: HumanInputFormTimeoutData


class UnknownEvent(ResponseModel):
    """An event this version does not declare (e.g. ``parallel_branch_started``); fields in ``model_extra``."""

    event: str


def _event_tag(value: Any) -> str:
    name = value.get("event") if isinstance(value, dict) else getattr(value, "event", None)
    return name if isinstance(name, str) and name in _BY_NAME else "unknown"


ChatflowEvent = Annotated[
    Annotated[WorkflowStartedEvent, Tag("workflow_started")]
    | Annotated[NodeStartedEvent, Tag("node_started")]
    | Annotated[NodeFinishedEvent, Tag("node_finished")]
    | Annotated[NodeRetryEvent, Tag("node_retry")]
    | Annotated[IterationStartedEvent, Tag("iteration_started")]
    | Annotated[IterationNextEvent, Tag("iteration_next")]
    | Annotated[IterationCompletedEvent, Tag("iteration_completed")]
    | Annotated[LoopStartedEvent, Tag("loop_started")]
    | Annotated[LoopNextEvent, Tag("loop_next")]
    | Annotated[LoopCompletedEvent, Tag("loop_completed")]
    | Annotated[AgentLogEvent, Tag("agent_log")]
    | Annotated[MessageEvent, Tag("message")]
    | Annotated[MessageReplaceEvent, Tag("message_replace")]
    | Annotated[MessageFileEvent, Tag("message_file")]
    | Annotated[MessageEndEvent, Tag("message_end")]
    | Annotated[TtsMessageEvent, Tag("tts_message")]
    | Annotated[TtsMessageEndEvent, Tag("tts_message_end")]
    | Annotated[ReasoningChunkEvent, Tag("reasoning_chunk")]
    | Annotated[TextChunkEvent, Tag("text_chunk")]
    | Annotated[WorkflowFinishedEvent, Tag("workflow_finished")]
    | Annotated[WorkflowPausedEvent, Tag("workflow_paused")]
    | Annotated[HumanInputRequiredEvent, Tag("human_input_required")]
    | Annotated[HumanInputFormFilledEvent, Tag("human_input_form_filled")]
    | Annotated[HumanInputFormTimeoutEvent, Tag("human_input_form_timeout")]
    | Annotated[UnknownEvent, Tag("unknown")],
    Discriminator(_event_tag),
]
EVENTS: TypeAdapter[ChatflowEvent] = TypeAdapter(ChatflowEvent)
_BY_NAME: dict[str, type[ResponseModel]] = {
    tag.tag: cls for cls, tag in map(get_args, get_args(get_args(ChatflowEvent)[0])) if tag.tag != "unknown"
}

# The event name read off the bytes. Both Dify encoders put "event" first, orjson compact (newest)
# and json.dumps (older), so the name can pick one model's validator before any JSON is parsed, and
# the JSON is parsed once, by that validator. A message frame takes 1.6 µs so; through the union
# (whose callable discriminator needs the parsed dict first) it took 3.9 µs, and through
# model_validate_json 2.9 µs. Any other shape still goes through the whole union.
_COMPACT, _SPACED = b'{"event":"', b'{"event": "'
_VALIDATE_JSON: dict[bytes, Callable[[bytes], Any]] = {
    name.encode(): model.__pydantic_validator__.validate_json for name, model in _BY_NAME.items()
}
# Most frames are answer deltas: for them even the slice and the dict lookup are skipped.
_MESSAGE, _VALIDATE_MESSAGE = b'{"event":"message",', _VALIDATE_JSON[b"message"]
# Progress events may drift with a newer Dify without costing the answer; the answer's own events
# (message, message_replace, message_end, files, chunks) stay strict: a wrong one is a real fault.
_PROGRESS = frozenset(
    name
    for name in _BY_NAME
    if name.startswith(("workflow_", "node_", "iteration_", "loop_", "agent_log", "tts_", "human_input_"))
)
logger: logging.Logger = logging.getLogger("dify_oapi")


def parse_event(data: bytes) -> ChatflowEvent:
    """One JSON parse: the name is read off the bytes to pick the model, else the union decides."""
    if data.startswith(_MESSAGE):
        validate = _VALIDATE_MESSAGE
    elif data.startswith(_COMPACT):
        validate = _VALIDATE_JSON.get(data[10 : data.find(b'"', 10)], EVENTS.validate_json)
    elif data.startswith(_SPACED):
        validate = _VALIDATE_JSON.get(data[11 : data.find(b'"', 11)], EVENTS.validate_json)
    else:
        validate = EVENTS.validate_json
    try:
        event: ChatflowEvent = validate(data)
        return event
    except ValidationError as exc:
        problem = field_errors(exc, "event")
    return _drifted(data, problem)


def _drifted(data: bytes, problem: str) -> UnknownEvent:
    """A progress event that does not fit its model, kept whole; anything else raises."""
    try:
        fields = json.loads(data)
    except (ValueError, RecursionError):
        fields = None
    name = fields.get("event") if isinstance(fields, dict) else None
    if not isinstance(name, str) or name not in _PROGRESS:
        label = name if isinstance(name, str) else "without a string name"
        raise ResponseValidationError(f"stream event {label} does not fit its model: {problem}")
    # The events endpoint answers for a finished run with a workflow_finished built from its
    # database row, which has no message: expected, so not worth a warning.
    if not (name == "workflow_finished" and "conversation_id" not in fields):
        logger.warning(
            "stream event %s does not fit %s, kept as UnknownEvent: %s",
            name,
            _BY_NAME[name].__name__,
            problem,
        )
    return UnknownEvent.model_validate(fields)
