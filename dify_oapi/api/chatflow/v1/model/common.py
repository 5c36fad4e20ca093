"""Objects shared by several APIs. Section numbers refer to the chatflow wire spec."""

from __future__ import annotations

import ast
import json
from typing import Annotated, Any, Generic, TypeVar

from pydantic import Field, model_validator
from typing_extensions import Self

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel, ResponseModel

from .types import FileType, JobStatus, TransferMethod

T = TypeVar("T")

# §11: every list API takes 1..100. The annotation list caps a larger value silently instead of failing;
# we reject it too, so the caller learns before sending that they will not get more than 100.
PageLimit = Annotated[int, Field(ge=1, le=100)]


class ChatFile(RequestModel):
    """A file attached to a chat message (§3.1): by URL, or by the id of an uploaded file."""

    type: FileType
    transfer_method: TransferMethod
    url: str | None = None
    upload_file_id: Id | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        # §3.1: exactly one of url / upload_file_id, matching transfer_method.
        if self.transfer_method == "remote_url" and (self.url is None or self.upload_file_id is not None):
            raise ValueError("transfer_method 'remote_url' needs url and no upload_file_id")
        if self.transfer_method == "local_file" and (self.upload_file_id is None or self.url is not None):
            raise ValueError("transfer_method 'local_file' needs upload_file_id and no url")
        return self

    @staticmethod
    def builder() -> ChatFileBuilder:
        return ChatFileBuilder()


class ChatFileBuilder(Builder[ChatFile]):
    type: setter[FileType] = setter()
    transfer_method: setter[TransferMethod] = setter()
    url: setter[str | None] = setter()
    upload_file_id: setter[str | None] = setter()


class Usage(ResponseModel):
    """§4.5; every key optional: no LLM ran when an annotation answered."""

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
    """A citation (§4.6); Dify varies these keys by version, so all are optional."""

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
    """A file in message history (§7.2); unconfirmed which keys every version sends."""

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
    """§7.1 ``SimpleConversation``; also the reply of rename."""

    id: str
    name: str  # "" until Dify's asynchronous auto-naming finishes
    inputs: dict[str, Any]  # the app's own input variables
    status: str  # "normal" is the only value seen
    introduction: str | None = None
    created_at: int
    updated_at: int


class Feedback(ResponseModel):
    rating: str  # like or dislike


class Message(ResponseModel):
    """One turn of history (§7.2). Fields after ``created_at`` are newer additions, hence optional."""

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
    created_at: int
    status: str | None = None  # normal, error; newer also paused
    error: str | None = None
    message_tokens: int | None = None
    answer_tokens: int | None = None
    total_tokens: int | None = None
    provider_response_latency: float | None = None
    total_price: str | None = None
    currency: str | None = None


class ConversationVariable(ResponseModel):
    """§8.1. Dify renders ``value`` with Python ``str()``, so it stays a string on the wire."""

    id: str
    name: str
    value_type: str  # see types.VariableValueType; any string is accepted from the server
    value: str | None = None
    description: str | None = None
    created_at: int
    updated_at: int

    @property
    def typed_value(self) -> Any:
        """``value`` as the Python type ``value_type`` names; the raw string when it does not parse."""
        return decode_variable_value(self.value_type, self.value)


def decode_variable_value(value_type: str, raw: str | None) -> Any:
    if raw is None or value_type in ("string", "secret"):
        return raw
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
    """§10: ``answer`` is the DB column ``content``; every field but ``id`` may be null."""

    id: str
    question: str | None = None
    answer: str | None = None
    hit_count: int | None = None
    created_at: int | None = None


class CursorPage(ResponseModel, Generic[T]):
    """Keyset pages (§11): ``has_more`` is exact."""

    limit: int
    has_more: bool
    data: list[T]


class NumberedPage(ResponseModel, Generic[T]):
    """Offset pages (§10.1): ``has_more`` is a guess (``len(data) == limit``); ``total`` is exact."""

    data: list[T]
    has_more: bool
    limit: int
    total: int
    page: int


class AnnotationReplyJob(ResponseModel):
    """§10.5/§10.6: ``error_msg`` is only in status replies and is ``""`` unless ``job_status == 'error'``."""

    job_id: str
    job_status: JobStatus
    error_msg: str | None = None


class Result(ResponseModel):
    """``{"result": "success"}``."""

    result: str


class NoContent(ResponseModel):
    """A 204 reply: nothing to read."""
