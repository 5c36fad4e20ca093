"""The chat itself: ``send_chat_message``, ``stop_chat_message``, ``get_suggested_questions``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dify_oapi.testing.sse import PING

from .errors import UUID_RE, ApiError, bad_request, choice, invalid, not_found, pydantic_error, validate
from .faults import RunCut, RunFailed, RunPaused
from .file import chat_files
from .human_input import FORM_LIFETIME, HumanForm
from .routing import Call, Routes
from .run import Answer, Run, default_answer, stream_steps
from .state import conversation_name
from .wire import JSON, Pause, Reply, Step, blocking_reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
FORM = (("name", 48),)  # the start node's text inputs and their max_length, as in the echo app
_CHAT_HINT = "/v1/chat-messages or /api/chat-messages or /v1/chat-messages/<string:task_id>/stop"


@routes.add("POST", "/v1/chat-messages", json_body=True, not_found_hint=_CHAT_HINT)
def send_chat_message(app: App, call: Call) -> Reply:
    user, model, body = call.user(required=True), "ChatRequestPayload", call.body
    fields = {"query": "str", "inputs": "dict", "response_mode": "str?", "conversation_id": "str?"}
    validate(model, body, **fields, files="list?", auto_generate_name="bool?")
    mode = "blocking" if body.get("response_mode") is None else body["response_mode"]
    mode = choice(model, "response_mode", mode, ("blocking", "streaming"))
    conversation_id = (body.get("conversation_id") or "").strip()
    if conversation_id and not UUID_RE.match(conversation_id):
        msg = "Value error, conversation_id must be a valid UUID"
        raise pydantic_error(model, ("conversation_id", msg, "value_error", conversation_id))
    files = chat_files(app, body.get("files"))  # read before the run starts: a 400 in either mode
    try:
        run = _begin_run(app, call, user, conversation_id.lower(), files)
    except ApiError:
        if mode == "blocking":
            raise
        # Dify's worker raises these where no one listens: one ping, silence, then a clean EOF.
        return Reply(200, stream=iter((PING, Pause(app.rejection_silence, pings=False))))
    if mode == "streaming":
        app.state.runs[run.run_id] = run
        steps = _finishing(app, run, stream_steps(run, app.chunk_delay, app.legacy_order))
        if isinstance(call.fault, RunCut):
            return Reply(
                200, stream=_cut(run, steps, call.fault), ending="close", ping_every=app.ping_interval
            )
        return Reply(200, stream=steps, ping_every=app.ping_interval)
    run.sent = run.answer.text
    _finish_run(app, run)
    if run.answer.error is not None:
        raise invalid(f"Run failed: {run.answer.error}")  # blocking mode turns a failed run into HTTP 400
    reply = blocking_reply(run.blocking_body() if run.form is None else run.blocking_paused_body(run.form))
    reply.delay = app.chunk_delay * len(run.chunks())  # the generation time, spent by whoever sends it
    return reply


def _form_inputs(inputs: JSON) -> JSON:
    """The app's start form: only its variables are kept, each checked as Dify checks it."""
    kept: JSON = {}
    for name, max_length in FORM:
        value = inputs.get(name)
        if value is not None and not isinstance(value, str):
            raise invalid(f"(type 'text-input') {name} in input form must be a string")
        if value is not None and len(value) > max_length:
            raise invalid(f"{name} in input form must be less than {max_length} characters")
        kept[name] = value
    return kept


def _begin_run(app: App, call: Call, user: str, conversation_id: str, files: list[JSON]) -> Run:
    state, body = app.state, call.body
    if conversation_id:
        conversation = state.conversation(conversation_id, user)  # an existing one keeps its inputs
    else:
        inputs = _form_inputs(body["inputs"])
        conversation = state.new_conversation(user, inputs, conversation_name(body["query"]))
    query = body["query"].replace("\x00", "")  # Dify strips NUL characters
    turn = len(conversation.messages) + 1
    message = state.add_message(conversation, query)
    if isinstance(call.fault, RunFailed):
        answer = Answer.failed(call.fault.error)
    elif isinstance(call.fault, RunPaused):
        answer = Answer.paused(call.fault.form)
    elif (scripted := app.next_answer()) is not None:  # a fault leaves these for the turns after it
        answer = scripted
    elif app.human_input is not None:
        answer = Answer.paused(app.human_input)
    else:
        answer = Answer(default_answer(query, turn))
    run = Run(conversation, message, user, answer, turn, files)
    state.tasks[run.task_id] = run
    if answer.form is not None:
        run.form = HumanForm(run.run_id, answer.form, state.tick() + FORM_LIFETIME)
        state.forms[run.form.token] = run.form
    return run


def _finishing(app: App, run: Run, steps: Iterator[Step]) -> Iterator[Step]:
    try:
        yield from steps
    finally:  # also when the client left: the message keeps what was sent
        _finish_run(app, run)


def _cut(run: Run, steps: Iterator[Step], fault: RunCut) -> Iterator[Step]:
    """The first ``fault.events`` events; the run goes on, unheard, for ``fault.lost`` more."""
    sent = 0
    for step in steps:
        yield step
        sent += isinstance(step, bytes) and step != PING
        if sent >= fault.events:
            break
    lost = 0
    while lost < fault.lost and (unheard := next(steps, None)) is not None:
        lost += isinstance(unheard, bytes)
    run.rest = steps


def _finish_run(app: App, run: Run) -> None:
    failure = run.answer.error if not run.stop.is_set() else None
    with app.state.lock:  # the message list shows no token counts or prices, as Dify's does not
        run.message.update(answer=run.sent, status="error" if failure else "normal", error=failure)
        app.state.tasks.pop(run.task_id, None)
        run.finished = True


@routes.add("POST", "/v1/chat-messages/{str}/stop", json_body=True)
def stop_chat_message(app: App, call: Call) -> Reply:
    user = call.user(required=True)
    run = app.state.tasks.get(call.params[0])
    if run is not None and run.user == user:  # another user's stop silently does nothing
        run.stop.set()
    return json_reply(200, {"result": "success"})


@routes.add("GET", "/v1/messages/{uuid}/suggested")
def get_suggested_questions(app: App, call: Call) -> Reply:
    user, message_id = call.user(required=True, from_query=True), call.params[0]
    conversation = app.state.message_owner.get(message_id)
    if conversation is None or conversation.user != user:
        raise not_found("Message Not Exists.")
    if not app.suggested_questions:
        raise bad_request("Suggested Questions Is Disabled.")
    query = next(m["query"] for m in conversation.messages if m["id"] == message_id)
    questions = [f"Tell me more about {query[:20]}", "Dify 支持哪些模型?", "How do I deploy Dify?"]
    return json_reply(200, {"result": "success", "data": questions})
