"""One simulated chatflow run: its events, their order, and how it ends.

The flow is start -> LLM -> answer. A run ends in one of three ways, as Dify 1.14.2 ends them:
succeeded (``message_end`` then ``workflow_finished``), stopped (``workflow_finished`` status
``stopped``, no ``message_end``), or failed (the LLM node's ``node_finished`` status ``failed``, then
``workflow_finished`` status ``failed``, no ``message_end`` and no ``error`` event).
"""

from __future__ import annotations

import threading
import time
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dify_oapi.testing.sse import PING, encode_event

from .human_input import NODE_ID as HUMAN_NODE
from .human_input import HumanForm
from .state import Conversation
from .wire import JSON, Pause, Step

APP_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
WORKFLOW_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
STOPPED_BY_USER = "Stopped by user."
_CHUNK_CHARS = 5
# The simulated chatflow, as (node_id, node_type, title).
NODES = (
    ("1711528914102", "start", "开始"),
    ("1711528917865", "llm", "LLM"),
    ("answer", "answer", "直接回复"),
)
_NODE_COMMON: JSON = {"inputs_truncated": False, "extras": {}, "iteration_id": None, "loop_id": None}
_NODE_STARTED: JSON = {"agent_strategy": None}
_NODE_DONE: JSON = {
    "process_data": None,
    "process_data_truncated": False,
    "outputs_truncated": False,
    "files": [],
}


@dataclass(frozen=True)
class Answer:
    """What the simulated chatflow answers to one message; script them with ``Simulator.script``.

    ``text`` streams in pieces. With ``error`` set the run fails once the text has streamed, the way
    a node failure ends a real run (blocking mode: 400 ``invalid_param`` "Run failed: <error>").
    With ``form`` set it pauses for human input instead: ``human_input_required`` showing that form,
    then ``workflow_paused``, and no ``message_end``.
    """

    text: str = ""
    error: str | None = None
    form: str | None = None

    @classmethod
    def failed(cls, error: str, text: str = "") -> Answer:
        return cls(text, error)

    @classmethod
    def paused(cls, form: str, text: str = "") -> Answer:
        return cls(text, form=form)


# Answers by the script the question is written in; anything else is answered in English.
_ANSWERS = (
    (("HIRAGANA", "KATAKANA"), "（シミュレーション）{turn}回目：「{query}」🤖"),
    (("HANGUL",), "(시뮬레이션) {turn}번째: 「{query}」 🤖"),
    (("CJK",), "（模拟）第{turn}轮：你问的是「{query}」🤖"),
)
# Short on purpose: benchmarks and load tests stream this answer by the thousand.
_ENGLISH = "(simulated) Turn {turn}: you asked “{query}” 🤖"


def default_answer(query: str, turn: int) -> str:
    """An answer in the question's language that says it is simulated."""
    scripts = {unicodedata.name(char, "").partition(" ")[0] for char in query}  # "CJK UNIFIED ..." -> "CJK"
    template = next((text for names, text in _ANSWERS if scripts.intersection(names)), _ENGLISH)
    return template.format(turn=turn, query=query)


def usage(prompt_tokens: int, completion_tokens: int, latency: float) -> JSON:
    """Dify's LLMUsage: token counts as ints, money as 7-decimal strings."""
    step = Decimal("0.0000001")
    prompt_price = (Decimal(prompt_tokens) * Decimal("0.000001")).quantize(step)
    completion_price = (Decimal(completion_tokens) * Decimal("0.000002")).quantize(step)
    out: JSON = {"prompt_tokens": prompt_tokens, "prompt_unit_price": "0.001", "prompt_price_unit": "0.001"}
    out |= {"prompt_price": str(prompt_price), "completion_tokens": completion_tokens}
    out |= {"completion_unit_price": "0.002", "completion_price_unit": "0.001"}
    out |= {"completion_price": str(completion_price), "total_tokens": prompt_tokens + completion_tokens}
    out |= {"total_price": str(prompt_price + completion_price), "currency": "USD", "latency": latency}
    return out | {"time_to_first_token": round(latency / 3, 3), "time_to_generate": round(latency / 1.5, 3)}


@dataclass
class Run:
    """One chatflow execution; builds its events in the shape Dify emits them (fixtures/*.sse)."""

    conversation: Conversation
    message: JSON
    user: str
    answer: Answer
    turn: int
    files: list[Any]
    task_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    run_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    node_ids: list[str] = field(default_factory=lambda: [str(uuid.uuid4()) for _ in NODES])
    stop: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)
    sent: str = ""
    form: HumanForm | None = None  # the form a paused run waits on, made when the run begins
    # The events other than deltas published so far, and what is left once the chat's connection dropped.
    published: list[JSON] = field(default_factory=list)
    rest: Iterator[Step] | None = None
    finished: bool = False

    def now(self) -> int:
        return max(int(time.time()), int(self.message["created_at"]))

    def elapsed(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def usage(self) -> JSON:
        return usage(32 + len(self.message["query"]), len(self.sent), self.elapsed())

    def chunks(self) -> list[str]:
        text = self.answer.text
        return [text[i : i + _CHUNK_CHARS] for i in range(0, len(text), _CHUNK_CHARS)]

    def event(self, name: str, **fields: Any) -> JSON:
        head: JSON = {
            "event": name,
            "conversation_id": self.conversation.id,
            "message_id": self.message["id"],
        }
        return head | {"created_at": self.message["created_at"], "task_id": self.task_id} | fields

    def system_inputs(self) -> JSON:
        sys_vars: JSON = {
            "sys.query": self.message["query"],
            "sys.files": self.files,
            "sys.user_id": self.user,
        }
        sys_vars |= {"sys.conversation_id": self.conversation.id, "sys.dialogue_count": self.turn}
        sys_vars |= {"sys.app_id": APP_ID, "sys.workflow_id": WORKFLOW_ID, "sys.workflow_run_id": self.run_id}
        return {**self.conversation.inputs, **sys_vars}

    def workflow_started(self) -> JSON:
        data: JSON = {"id": self.run_id, "workflow_id": WORKFLOW_ID, "inputs": self.system_inputs()}
        data |= {"created_at": self.now(), "reason": "initial"}
        return self.event("workflow_started", workflow_run_id=self.run_id, data=data)

    def node(self, index: int, *, finished: bool = False, error: str | None = None) -> JSON:
        node_id, node_type, title = NODES[index]
        data: JSON = {"id": self.node_ids[index], "node_id": node_id, "node_type": node_type, "title": title}
        data |= {"index": index + 1, "predecessor_node_id": NODES[index - 1][0] if index else None}
        data |= {"inputs": None, "created_at": self.now(), **_NODE_COMMON}
        if finished:
            del data["extras"]  # node_finished carries no extras and no agent_strategy
            spent = self.usage()
            llm_output = {"text": self.sent, "usage": spent, "finish_reason": "stop"}
            outputs = (self.system_inputs(), llm_output, {"answer": self.sent, "files": []})[index]
            cost = {k: spent[k] for k in ("total_tokens", "total_price", "currency")}
            data |= {
                "inputs": self.system_inputs() if index == 0 else {},
                "outputs": None if error else outputs,
            }
            data |= {
                "status": "failed" if error else "succeeded",
                "error": error,
                "elapsed_time": self.elapsed(),
            }
            data |= {"execution_metadata": cost if node_type == "llm" and not error else None, **_NODE_DONE}
            data |= {"finished_at": self.now()}
        else:
            data |= _NODE_STARTED
        name = "node_finished" if finished else "node_started"
        return self.event(name, workflow_run_id=self.run_id, data=data)

    def message_chunk(self, chunk: str) -> JSON:
        selector = [NODES[1][0], "text"]
        return self.event("message", id=self.message["id"], answer=chunk, from_variable_selector=selector)

    def metadata(self) -> JSON:
        return {"annotation_reply": None, "retriever_resources": [], "usage": self.usage()}

    def message_end(self) -> JSON:
        return self.event("message_end", id=self.message["id"], metadata=self.metadata(), files=None)

    def workflow_finished(self, status: str, error: str | None = None) -> JSON:
        ok = status == "succeeded"
        data: JSON = {"id": self.run_id, "workflow_id": WORKFLOW_ID, "status": status, "error": error}
        data |= {"outputs": {"answer": self.sent, "files": []} if ok else {}, "elapsed_time": self.elapsed()}
        data |= {"total_tokens": self.usage()["total_tokens"] if ok else 0, "total_steps": 3 if ok else 2}
        data |= {"created_by": {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, self.user)), "user": self.user}}
        data |= {"created_at": self.message["created_at"], "finished_at": self.now()}
        data |= {"exceptions_count": 0, "files": []}
        return self.event("workflow_finished", workflow_run_id=self.run_id, data=data)

    def human_input_required(self, form: HumanForm) -> JSON:
        return self.event("human_input_required", workflow_run_id=self.run_id, data=form.event_data())

    def workflow_paused(self, form: HumanForm) -> JSON:
        data: JSON = {"workflow_run_id": self.run_id, "paused_nodes": [HUMAN_NODE], "outputs": {}}
        data |= {"reasons": [form.pause_reason()], "status": "paused"}
        data |= {"created_at": self.message["created_at"], "elapsed_time": self.elapsed()}
        data |= {"total_tokens": self.usage()["total_tokens"], "total_steps": 2}
        return self.event("workflow_paused", workflow_run_id=self.run_id, data=data)

    def blocking_body(self) -> JSON:
        ids: JSON = {"task_id": self.task_id, "id": self.message["id"], "message_id": self.message["id"]}
        body = {"event": "message", **ids, "conversation_id": self.conversation.id, "mode": "advanced-chat"}
        return body | {
            "answer": self.sent,
            "metadata": self.metadata(),
            "created_at": self.message["created_at"],
        }

    def blocking_paused_body(self, form: HumanForm) -> JSON:
        """A paused run in blocking mode: the message's fields, then the pause, whole, in ``data``."""
        body = self.blocking_body() | {"event": "workflow_paused", "workflow_run_id": self.run_id}
        paused = self.workflow_paused(form)["data"]
        del paused["outputs"]
        data: JSON = {key: body[key] for key in ("id", "mode", "conversation_id", "message_id")}
        data |= {key: body[key] for key in ("workflow_run_id", "answer", "metadata", "created_at")}
        return body | {"data": data | paused}

    def events(self, chunk_delay: float, legacy_order: bool) -> Iterator[JSON | Pause]:
        """The run as Dify streams it; a pause stands for generation time and ends early on a stop."""
        yield from (self.workflow_started(), self.node(0), self.node(0, finished=True), self.node(1))
        for chunk in self.chunks():
            yield Pause(chunk_delay, self.stop)
            if self.stop.is_set():
                break
            self.sent += chunk
            yield self.message_chunk(chunk)
        if not self.stop.is_set() and self.answer.error is not None:
            yield Pause(chunk_delay, self.stop)
        if self.stop.is_set():  # the running node never reports; the workflow does
            yield self.workflow_finished("stopped", STOPPED_BY_USER)
        elif self.form is not None:
            yield from (self.node(1, finished=True), self.human_input_required(self.form))
            yield self.workflow_paused(self.form)
        elif self.answer.error is not None:  # no message_end, no error event: the workflow says it
            error = self.answer.error
            yield from (self.node(1, finished=True, error=error), self.workflow_finished("failed", error))
        else:
            yield from (self.node(1, finished=True), self.node(2), self.node(2, finished=True))
            tail = [self.message_end(), self.workflow_finished("succeeded")]
            yield from reversed(tail) if legacy_order else tail  # Dify <= 1.13: workflow first


def stream_steps(run: Run, chunk_delay: float, legacy_order: bool) -> Iterator[Step]:
    """Every stream opens with a ping, before the run has produced anything."""
    yield PING
    for item in run.events(chunk_delay, legacy_order):
        if isinstance(item, Pause):
            yield item
        else:
            if item["event"] != "message":  # what a snapshot replays; deltas it never does
                run.published.append(item)
            yield encode_event(item)
