"""Every enumerated value of the chatflow API, as ``Literal`` aliases."""

from __future__ import annotations

from typing import Literal, TypeAlias

ResponseMode: TypeAlias = Literal["streaming", "blocking"]
FileType: TypeAlias = Literal["image", "document", "audio", "video", "custom"]
# `tool_file` also exists server-side but clients must not send it.
TransferMethod: TypeAlias = Literal["remote_url", "local_file"]
SortBy: TypeAlias = Literal["created_at", "-created_at", "updated_at", "-updated_at"]
AnnotationAction: TypeAlias = Literal["enable", "disable"]
JobStatus: TypeAlias = Literal["waiting", "processing", "completed", "error"]
# Dify's SegmentType values; responses accept any string, requests use this list.
VariableValueType: TypeAlias = Literal[
    "string",
    "number",
    "integer",
    "float",
    "boolean",
    "object",
    "secret",
    "file",
    "array[any]",
    "array[string]",
    "array[number]",
    "array[object]",
    "array[file]",
    "array[boolean]",
    "none",
]
WorkflowStatus: TypeAlias = Literal[
    "running", "succeeded", "failed", "partial-succeeded", "stopped", "paused"
]
NodeStatus: TypeAlias = Literal["running", "succeeded", "failed", "exception", "stopped", "paused"]
FeedbackRating: TypeAlias = Literal["like", "dislike"]  # null withdraws the end user's rating
