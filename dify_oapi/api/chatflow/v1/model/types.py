"""Every enumerated value of the chatflow API, as ``Literal`` aliases (spec references in comments)."""

from __future__ import annotations

from typing import Literal, TypeAlias

ResponseMode: TypeAlias = Literal["streaming", "blocking"]  # §3
FileType: TypeAlias = Literal["image", "document", "audio", "video", "custom"]  # §3.1
# `tool_file` also exists server-side but clients must not send it (§3.1).
TransferMethod: TypeAlias = Literal["remote_url", "local_file"]
SortBy: TypeAlias = Literal["created_at", "-created_at", "updated_at", "-updated_at"]  # §7.1
AnnotationAction: TypeAlias = Literal["enable", "disable"]  # §10.5
JobStatus: TypeAlias = Literal["waiting", "processing", "completed", "error"]  # §10.6
# §8.1: the documented SegmentType values; responses accept any string, requests use this list.
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
NodeStatus: TypeAlias = Literal["running", "succeeded", "failed", "exception", "stopped", "paused"]  # §4.3
FeedbackRating: TypeAlias = Literal["like", "dislike"]  # null withdraws the end user's rating
