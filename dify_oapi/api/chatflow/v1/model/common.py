"""Objects shared by several APIs; docs/wire-format.md describes each on the wire."""

from __future__ import annotations

import ast
import json
import re
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, JsonValue, StringConstraints

from dify_oapi.core.model import ResponseModel

from .chat_file import ChatFile as ChatFile
from .chat_file import ChatFileBuilder as ChatFileBuilder
from .constraints import NonEmpty as NonEmpty
from .constraints import Uuid as Uuid
from .constraints import uuid_value
from .types import JobStatus

T = TypeVar("T")

# Conversations, messages and variables: Dify's query models take 1..100.
PageLimit = Annotated[int, Field(ge=1, le=100)]
# Annotations: Dify has no upper bound; it serves at most 100 a page and echoes the limit asked.
AnnotationPageLimit = Annotated[int, Field(ge=1)]

# werkzeug's `<uuid:…>` converter: any other path segment gets an HTML 404 page from Dify.
_ROUTE_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


def _route_uuid(value: str) -> str:
    if not _ROUTE_UUID.fullmatch(value):
        raise ValueError("must be a UUID (8-4-4-4-12 hex digits): Dify's route answers 404 to anything else")
    return value


def _uuid_or_none(value: str | None) -> str | None:
    return uuid_value(value) if value else None  # Dify reads "" as "not given"


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


RouteUuid = Annotated[str, AfterValidator(_route_uuid)]
"""An id Dify's route declares ``<uuid:…>``."""
OptionalUuid = Annotated[str | None, AfterValidator(_uuid_or_none)]
"""A UUID in a query or a body; ``""`` means none, as it does to Dify, and becomes ``None``."""
ChatConversationId = Annotated[OptionalUuid, BeforeValidator(_strip)]
"""The chat's ``conversation_id``: Dify strips it first, so blank is none too."""
Segment = Annotated[str, StringConstraints(min_length=1, pattern=r"^[^/]*$")]
"""A plain path segment (``<string:…>``): Dify routes on the decoded path, so a ``/`` would miss."""

_SQL_PATTERNS = ("'", '"', ";", "--", "/*", "*/", "xp_", "sp_")


def _variable_name(value: str) -> str:
    # Dify's own rule for the filter: letters or digits (any script) once "-", "_" and "." are removed,
    # and none of a few SQL fragments.
    if not value.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ValueError("only letters, digits, '-', '_' and '.' are allowed, with a letter or digit")
    if found := next((p for p in _SQL_PATTERNS if p in value.lower()), None):
        raise ValueError(f"Dify refuses a name containing {found!r}")
    return value


VariableName = Annotated[str, StringConstraints(max_length=255), AfterValidator(_variable_name)]


class Usage(ResponseModel):
    """Token counts and prices; every key optional: no LLM ran when an annotation answered."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    prompt_unit_price: str | None = None
    prompt_price_unit: str | None = None
    prompt_price: str | None = None
    completion_unit_price: str | None = None
    completion_price_unit: str | None = None
    completion_price: str | None = None
    total_price: str | None = None  # decimal as a string, e.g. "0.0012890"
    currency: str | None = None
    latency: float | None = None
    time_to_first_token: float | None = None
    time_to_generate: float | None = None


class RetrieverResource(ResponseModel):
    """A citation; Dify varies these keys by version, so all are optional."""

    id: str | None = None
    message_id: str | None = None
    position: int | None = None
    dataset_id: str | None = None
    dataset_name: str | None = None
    document_id: str | None = None
    document_name: str | None = None
    data_source_type: str | None = None
    segment_id: str | None = None
    retriever_from: str | None = None
    score: float | None = None
    hit_count: int | None = None
    word_count: int | None = None
    segment_position: int | None = None
    index_node_hash: str | None = None
    content: str | None = None
    page: int | None = None
    title: str | None = None
    summary: str | None = None
    created_at: int | None = None


class MessageMetadata(ResponseModel):
    """``metadata`` of a blocking reply and of ``message_end``; may be ``{}``."""

    usage: Usage | None = None
    retriever_resources: list[RetrieverResource] = []


class MessageFile(ResponseModel):
    """A file in message history; unconfirmed which keys every version sends."""

    id: str
    filename: str | None = None
    type: str | None = None  # image, document, audio, video, custom
    url: str | None = None
    mime_type: str | None = None
    size: int | None = None
    transfer_method: str | None = None
    belongs_to: str | None = None  # user or assistant
    upload_file_id: str | None = None


class Conversation(ResponseModel):
    """A conversation as Dify lists it (its ``SimpleConversation``); also the reply of rename."""

    id: str
    name: str  # "" until Dify's asynchronous auto-naming finishes
    inputs: dict[str, Any]  # the app's own input variables
    status: str  # "normal" is the only value seen
    introduction: str | None = None
    created_at: int | None = None  # nullable in Dify's own response model
    updated_at: int | None = None


class Feedback(ResponseModel):
    rating: str | None = None  # like or dislike; nullable in Dify's own response model


class Message(ResponseModel):
    """One turn of history. Fields after ``created_at`` are newer additions, hence optional."""

    id: str
    conversation_id: str
    parent_message_id: str | None = None
    inputs: dict[str, Any]
    query: str
    answer: str
    message_files: list[MessageFile] = []
    feedback: Feedback | None = None
    retriever_resources: list[RetrieverResource] = []
    agent_thoughts: list[dict[str, Any]] = []
    created_at: int | None = None  # nullable in Dify's own response model
    status: str | None = None  # normal, error; newer also paused
    error: str | None = None
    message_tokens: int | None = None
    answer_tokens: int | None = None
    total_tokens: int | None = None
    provider_response_latency: float | None = None
    total_price: str | None = None
    currency: str | None = None


class ConversationVariable(ResponseModel):
    """Dify 1.14.2 renders ``value`` with Python ``str()``; other servers send native JSON."""

    id: str
    name: str
    value_type: str  # see types.VariableValueType; any string is accepted from the server
    value: JsonValue = None
    description: str | None = None
    created_at: int | None = None  # nullable in Dify's own response model
    updated_at: int | None = None

    @property
    def typed_value(self) -> Any:
        """``value`` as the Python type ``value_type`` names; the raw string when it does not parse."""
        return decode_variable_value(self.value_type, self.value)


def decode_variable_value(value_type: str, raw: JsonValue) -> Any:
    if not isinstance(raw, str) or value_type in ("string", "secret"):
        return raw  # None, or a value that already arrived as JSON
    if value_type == "boolean" and raw in ("True", "False", "true", "false"):
        return raw in ("True", "true")
    try:
        return json.loads(raw)
    except ValueError:
        pass
    # objects and arrays arrive as Python reprs ("{'a': True}"); literal_eval evaluates no code.
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return raw


class Annotation(ResponseModel):
    """An annotation: ``answer`` is the DB column ``content``; every field but ``id`` may be null."""

    id: str
    question: str | None = None
    answer: str | None = None
    hit_count: int | None = None
    created_at: int | None = None


class CursorPage(ResponseModel, Generic[T]):
    """Keyset pages: ``has_more`` is exact."""

    limit: int
    has_more: bool
    data: list[T]


class NumberedPage(ResponseModel, Generic[T]):
    """Offset pages: ``has_more`` is a guess (``len(data) == limit``); ``total`` is exact."""

    data: list[T]
    has_more: bool
    limit: int
    total: int
    page: int


class AnnotationReplyJob(ResponseModel):
    """``error_msg`` is only in status replies and is ``""`` unless ``job_status == 'error'``."""

    job_id: str
    job_status: JobStatus
    error_msg: str | None = None


class Result(ResponseModel):
    """``{"result": "success"}``."""

    result: str


class NoContent(ResponseModel):
    """A 204 reply: nothing to read."""
