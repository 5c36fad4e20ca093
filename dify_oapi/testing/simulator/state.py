"""The simulated app's data: conversations, their messages and variables, annotations, jobs, runs."""

from __future__ import annotations

import copy
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, TypeVar

from .errors import not_found
from .wire import JSON

if TYPE_CHECKING:
    from .file import StoredFile
    from .human_input import HumanForm
    from .run import Run

_T = TypeVar("_T")

# A fresh conversation's variables, as (name, value_type, value, description).
SEED_VARIABLES: tuple[tuple[str, str, object, str], ...] = (
    ("user_preference", "string", "dark_mode", "User preference setting"),
    ("turns", "number", 3, ""),
    ("vip", "boolean", True, ""),
    ("profile", "object", {"lang": "zh", "vip": True}, "value is Python str() of the object, not JSON"),
    ("tags", "array[string]", ["a", "b"], ""),
)


@dataclass
class Variable:
    id: str
    name: str
    value_type: str
    value: object
    description: str
    created_at: int
    updated_at: int

    def view(self) -> JSON:
        # Dify renders the value with Python str(): "3", "True", "{'lang': 'zh'}", never JSON.
        return {**asdict(self), "value": None if self.value is None else str(self.value)}


@dataclass
class Conversation:
    id: str
    user: str
    name: str
    inputs: JSON
    created_at: int
    updated_at: int
    messages: list[JSON] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)

    def view(self) -> JSON:
        head = {"id": self.id, "name": self.name, "inputs": self.inputs, "status": "normal"}
        return {**head, "introduction": "", "created_at": self.created_at, "updated_at": self.updated_at}


@dataclass
class Job:
    action: str
    stage: int  # index in JOB_STAGES


JOB_STAGES = ("waiting", "processing", "completed")


class State:
    """Everything the app remembers. Handlers touch it only while holding ``lock``."""

    def __init__(self) -> None:
        self.lock: threading.RLock = threading.RLock()
        self._clock = int(time.time()) - 1
        self.conversations: dict[str, Conversation] = {}
        self.message_owner: dict[str, Conversation] = {}
        self.tasks: dict[str, Run] = {}
        self.runs: dict[str, Run] = {}  # every streamed run, by workflow run id, finished or not
        self.annotations: dict[str, JSON] = {}
        self.jobs: dict[str, Job] = {}
        self.feedbacks: dict[str, JSON] = {}  # by message id: an end user's one rating of it
        self.files: dict[str, StoredFile] = {}
        self.used_files: set[str] = set()  # uploads a chat message carried: the ones Dify previews
        self.forms: dict[str, HumanForm] = {}  # by form token

    def tick(self) -> int:
        """Epoch seconds that never repeat, so every sort and keyset cursor is deterministic."""
        self._clock = max(int(time.time()), self._clock + 1)
        return self._clock

    def conversation(self, conversation_id: str, user: str) -> Conversation:
        conversation = self.conversations.get(conversation_id)
        if conversation is None or conversation.user != user:
            raise not_found("Conversation Not Exists.")
        return conversation

    def new_conversation(self, user: str, inputs: JSON, name: str) -> Conversation:
        created = self.tick()
        conversation = Conversation(str(uuid.uuid4()), user, name, dict(inputs), created, created)
        for var_name, value_type, value, description in SEED_VARIABLES:
            stamp = self.tick()
            conversation.variables.append(
                Variable(
                    str(uuid.uuid4()), var_name, value_type, copy.deepcopy(value), description, stamp, stamp
                )
            )
        self.conversations[conversation.id] = conversation
        return conversation

    def add_message(self, conversation: Conversation, query: str) -> JSON:
        # Through the Service API every message's parent is the nil UUID: threads are a web-app feature.
        message: JSON = {"id": str(uuid.uuid4()), "conversation_id": conversation.id}
        message |= {"parent_message_id": str(uuid.UUID(int=0)), "inputs": conversation.inputs}
        message |= {"query": query, "answer": "", "message_files": [], "feedback": None}
        message |= {"retriever_resources": [], "agent_thoughts": [], "created_at": self.tick()}
        message |= {"status": "normal", "error": None, "extra_contents": []}
        conversation.messages.append(message)
        conversation.updated_at = message["created_at"]
        self.message_owner[message["id"]] = conversation
        return message

    def delete_conversation(self, conversation: Conversation) -> None:
        del self.conversations[conversation.id]
        for message in conversation.messages:
            self.message_owner.pop(message["id"], None)
            self.feedbacks.pop(message["id"], None)  # Dify's cleanup task deletes them with it


def conversation_name(query: str) -> str:
    """The name Dify gives a conversation when no model names it: the first query, cut at 20."""
    return query if len(query) <= 20 else query[:20] + "…"


def keyset_page(
    items: Iterable[_T], key: Callable[[_T], int], descending: bool, after: _T | None, limit: int
) -> tuple[list[_T], bool]:
    """Dify's keyset paging: strictly beyond the cursor's sort value; ``has_more`` is exact."""
    ordered = sorted(items, key=key, reverse=descending)
    if after is not None:
        pivot = key(after)
        ordered = [item for item in ordered if (key(item) < pivot if descending else key(item) > pivot)]
    return ordered[:limit], len(ordered) > limit
