"""Conversations, their messages and variables: the six APIs of the client's ``conversation`` resource."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import bad_request, choice, invalid, limit_arg, not_found, pydantic_error, uuid_arg, validate
from .routing import Call, Routes
from .state import conversation_name, keyset_page
from .wire import Reply, json_reply, no_content

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
_SORTS = ("created_at", "-created_at", "updated_at", "-updated_at")
_VARIABLE_NAME_RE = re.compile(r"^[a-zA-Z0-9_.-]{1,255}$")


@routes.add(
    "GET",
    "/v1/conversations",
    not_found_hint="/v1/conversations or /v1/conversations/<uuid:c_id>/variables/<uuid:variable_id> or /api/conversations",
)
def get_conversations(app: App, call: Call) -> Reply:
    user, model = call.user(from_query=True), "ConversationListQuery"
    limit, last_id = limit_arg(call.query, model), uuid_arg(call.query, "last_id", model)
    sort_by = choice(model, "sort_by", call.query.get("sort_by", "-updated_at"), _SORTS)
    mine = [c for c in app.state.conversations.values() if c.user == user]
    last = next((c for c in mine if c.id == last_id), None)
    if last_id and last is None:
        raise not_found("Last Conversation Not Exists.")
    attr = sort_by.lstrip("-")
    page, more = keyset_page(mine, lambda c: int(getattr(c, attr)), sort_by[0] == "-", last, limit)
    return json_reply(200, {"limit": limit, "has_more": more, "data": [c.view() for c in page]})


@routes.add("GET", "/v1/messages", not_found_hint="/v1/messages or /v1/chat-messages or /api/messages")
def get_conversation_messages(app: App, call: Call) -> Reply:
    user, model = call.user(from_query=True), "MessageListQuery"
    conversation_id = uuid_arg(call.query, "conversation_id", model, required=True)
    first_id, limit = uuid_arg(call.query, "first_id", model), limit_arg(call.query, model)
    conversation = app.state.conversation(str(conversation_id), user)
    first = next((m for m in conversation.messages if m["id"] == first_id), None)
    if first_id and first is None:
        raise not_found("First Message Not Exists.")
    page, more = keyset_page(conversation.messages, lambda m: int(m["created_at"]), True, first, limit)
    # The newest `limit` messages, shown oldest first, as Dify reverses its query.
    return json_reply(200, {"limit": limit, "has_more": more, "data": page[::-1]})


@routes.add("DELETE", "/v1/conversations/{uuid}", json_body=True)
def delete_conversation(app: App, call: Call) -> Reply:
    app.state.delete_conversation(app.state.conversation(call.params[0], call.user()))
    return no_content()


@routes.add("POST", "/v1/conversations/{uuid}/name", json_body=True)
def rename_conversation(app: App, call: Call) -> Reply:
    model = "ConversationRenamePayload"
    validate(model, call.body, name="str?", auto_generate="bool?")
    auto, name = bool(call.body.get("auto_generate")), call.body.get("name")
    if not auto and not (name and name.strip()):
        msg = "Value error, name is required when auto_generate is false"
        raise pydantic_error(model, ("", msg, "value_error", call.body))
    conversation = app.state.conversation(call.params[0], call.user())
    if auto and not conversation.messages:
        raise invalid("")  # the service raises a bare ValueError here
    conversation.name = conversation_name(conversation.messages[0]["query"]) if auto else str(name)
    conversation.updated_at = app.state.tick()
    return json_reply(200, conversation.view())


@routes.add(
    "GET", "/v1/conversations/{uuid}/variables", not_found_hint="/v1/conversations/<uuid:c_id>/variables"
)
def get_conversation_variables(app: App, call: Call) -> Reply:
    model = "ConversationVariablesQuery"
    limit, last_id = limit_arg(call.query, model), uuid_arg(call.query, "last_id", model)
    name = call.query.get("variable_name")
    if name is not None and not _VARIABLE_NAME_RE.match(name):
        msg = "String should match pattern '^[a-zA-Z0-9_.-]+$'"
        raise pydantic_error(model, ("variable_name", msg, "string_pattern_mismatch", name))
    conversation = app.state.conversation(call.params[0], call.user(from_query=True))
    last = next((v for v in conversation.variables if v.id == last_id), None)
    if last_id and last is None:
        raise invalid("")  # the service raises a bare ValueError here
    named = [v for v in conversation.variables if name is None or v.name == name]
    page, more = keyset_page(named, lambda v: v.created_at, False, last, limit)
    return json_reply(200, {"limit": limit, "has_more": more, "data": [v.view() for v in page]})


@routes.add("PUT", "/v1/conversations/{uuid}/variables/{uuid}", json_body=True)
def update_conversation_variable(app: App, call: Call) -> Reply:
    if "value" not in call.body:
        raise pydantic_error(
            "ConversationVariableUpdatePayload", ("value", "Field required", "missing", call.body)
        )
    conversation = app.state.conversation(call.params[0], call.user())
    variable = next((v for v in conversation.variables if v.id == call.params[1]), None)
    if variable is None:
        raise not_found("Conversation Variable Not Exists.")
    value = call.body["value"]
    expected = "number" if variable.value_type == "integer" else variable.value_type  # shown as number
    if not _type_matches(variable.value_type, value):
        raise bad_request(
            f"Type mismatch: variable '{variable.name}' expects {expected}, but got {_infer_type(value)} type"
        )
    variable.value, variable.updated_at = value, app.state.tick()
    return json_reply(200, variable.view())


def _infer_type(value: object) -> str:
    """``SegmentType.infer_segment_type`` names, as Dify's type-mismatch message shows them."""
    if isinstance(value, list):
        kinds = {_infer_type(item) for item in value}
        if len(kinds) == 1 and kinds <= {"string", "number", "object", "boolean"}:
            return f"array[{kinds.pop()}]"
        return "array[number]" if kinds <= {"number"} else "array[any]"
    for kind, types in (("boolean", bool), ("number", (int, float)), ("string", str), ("object", dict)):
        if isinstance(value, types):
            return kind
    return "none"


def _type_matches(value_type: str, value: object) -> bool:
    """The JSON kind each ``value_type`` accepts (a bool is never a number)."""
    scalar = {"string": "string", "secret": "string", "boolean": "boolean", "object": "object"}
    if value_type in ("number", "integer", "float"):
        return _infer_type(value) == "number"
    if value_type in scalar:
        return _infer_type(value) == scalar[value_type]
    if not (value_type.startswith("array[") and isinstance(value, list)):
        return False
    element = value_type[len("array[") : -1]
    return element == "any" or all(_type_matches(element, item) for item in value)
