"""Bad input to the conversation and annotation APIs fails at build(), naming Class.field; nothing is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import respx

from dify_oapi import InvalidRequestError
from dify_oapi.api.chatflow.v1.model import (
    AnnotationReplySettingsRequest,
    AnnotationReplySettingsRequestBody,
    AnnotationReplyStatusRequest,
    CreateAnnotationRequestBody,
    DeleteAnnotationRequest,
    DeleteConversationRequest,
    GetAnnotationsRequest,
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
    GetSuggestedQuestionsRequest,
    RenameConversationRequest,
    RenameConversationRequestBody,
    StopChatMessageRequestBody,
    UpdateAnnotationRequest,
    UpdateAnnotationRequestBody,
    UpdateConversationVariableRequest,
    UpdateConversationVariableRequestBody,
)

C = "5e1b3c2a-0d4f-4e6a-9b8c-7a6f5e4d3c2b"  # any UUID: the ids Dify's routes declare <uuid:...>


def untyped(value: object) -> Any:
    """A value mypy would refuse, as an untyped caller could still pass it."""
    return value


def variable(value_type: Any, value: Any) -> UpdateConversationVariableRequestBody:
    builder = UpdateConversationVariableRequestBody.builder().value(value)
    return (builder if value_type is None else builder.value_type(value_type)).build()


def reply_settings(score_threshold: float, provider: str = "openai") -> AnnotationReplySettingsRequestBody:
    builder = AnnotationReplySettingsRequestBody.builder().score_threshold(score_threshold)
    return builder.embedding_provider_name(provider).embedding_model_name("text-embedding-3-small").build()


def variables(**fields: Any) -> GetConversationVariablesRequest:
    builder = GetConversationVariablesRequest.builder().conversation_id(C)
    for name, value in fields.items():
        getattr(builder, name)(value)
    return builder.build()


# fmt: off
CASES: list[tuple[str, Callable[[], object]]] = [
    ("GetConversationsRequest.limit", lambda: GetConversationsRequest.builder().limit(0).build()),
    ("GetConversationMessagesRequest.limit", lambda: GetConversationMessagesRequest.builder().conversation_id(C).limit(101).build()),
    ("GetConversationVariablesRequest.limit", lambda: variables(limit=True)),
    ("GetConversationVariablesRequest.limit", lambda: variables(limit=101)),
    ("GetAnnotationsRequest.limit", lambda: GetAnnotationsRequest.builder().limit(0).build()),
    ("GetAnnotationsRequest.page", lambda: GetAnnotationsRequest.builder().page(0).build()),
    ("GetConversationsRequest.sort_by", lambda: GetConversationsRequest.builder().sort_by(untyped("sideways")).build()),
    # Dify's variable_name rule: letters or digits once "-", "_" and "." are removed; no SQL fragments.
    ("GetConversationVariablesRequest.variable_name", lambda: variables(variable_name="a b")),
    ("GetConversationVariablesRequest.variable_name", lambda: variables(variable_name="")),
    ("GetConversationVariablesRequest.variable_name", lambda: variables(variable_name="--")),
    ("GetConversationVariablesRequest.variable_name: .*'--'", lambda: variables(variable_name="a--b")),
    ("GetConversationVariablesRequest.variable_name: .*'xp_'", lambda: variables(variable_name="xp_cmd")),
    ("GetConversationVariablesRequest.variable_name: .*'sp_'", lambda: variables(variable_name="SP_who")),
    ("GetConversationVariablesRequest.variable_name", lambda: variables(variable_name="a'b")),
    ("GetConversationVariablesRequest.variable_name", lambda: variables(variable_name="x" * 256)),
    # Cursors and ids Dify parses as UUIDs.
    ("GetConversationsRequest.last_id: .*UUID", lambda: GetConversationsRequest.builder().last_id("c-1").build()),
    ("GetConversationVariablesRequest.last_id: .*UUID", lambda: variables(last_id="v-1")),
    ("GetConversationMessagesRequest.first_id: .*UUID", lambda: GetConversationMessagesRequest.builder().conversation_id(C).first_id("m-1").build()),
    ("GetConversationMessagesRequest.conversation_id: .*UUID", lambda: GetConversationMessagesRequest.builder().conversation_id("c-1").build()),
    ("GetConversationMessagesRequest.conversation_id: .*UUID", lambda: GetConversationMessagesRequest.builder().conversation_id("").build()),
    ("GetConversationMessagesRequest.conversation_id: Field required", lambda: GetConversationMessagesRequest.builder().build()),
    ("GetSuggestedQuestionsRequest.user: Field required", lambda: GetSuggestedQuestionsRequest.builder().message_id(C).build()),
    ("StopChatMessageRequestBody.user: Field required", lambda: StopChatMessageRequestBody.builder().build()),
    ("RenameConversationRequestBody.name: .*unless auto_generate", lambda: RenameConversationRequestBody.builder().user("u").build()),
    ("RenameConversationRequestBody.name: .*unless auto_generate", lambda: RenameConversationRequestBody.builder().name(" \t").build()),
    ("RenameConversationRequest.request_body: Field required", lambda: RenameConversationRequest.builder().conversation_id(C).build()),
    ("AnnotationReplySettingsRequest.action", lambda: AnnotationReplySettingsRequest.builder().action(untyped("toggle")).request_body(reply_settings(0.9)).build()),
    ("AnnotationReplyStatusRequest.action", lambda: AnnotationReplyStatusRequest.builder().action(untyped("toggle")).job_id(C).build()),
    ("AnnotationReplySettingsRequestBody.score_threshold", lambda: reply_settings(float("nan"))),
    ("AnnotationReplySettingsRequestBody.score_threshold", lambda: reply_settings(float("inf"))),
    ("AnnotationReplySettingsRequestBody.score_threshold", lambda: reply_settings(untyped(True))),
    ("AnnotationReplySettingsRequestBody.embedding_model_name: Field required", lambda: AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai").build()),
    ("AnnotationReplySettingsRequest.request_body: .*enable needs", lambda: AnnotationReplySettingsRequest.builder().action("enable").request_body(reply_settings(0.9, provider="")).build()),
    ("CreateAnnotationRequestBody.answer: Field required", lambda: CreateAnnotationRequestBody.builder().question("Q?").build()),
    ("UpdateAnnotationRequest.request_body: Field required", lambda: UpdateAnnotationRequest.builder().annotation_id(C).build()),
    # Path ids Dify's routes declare <uuid:...>: anything else gets an HTML 404 page.
    ("DeleteConversationRequest.conversation_id: .*UUID", lambda: DeleteConversationRequest.builder().conversation_id("").build()),
    ("DeleteConversationRequest.conversation_id: .*UUID", lambda: DeleteConversationRequest.builder().conversation_id("not-a-uuid").build()),
    # werkzeug's converter wants the hyphenated form, though uuid.UUID() would read these.
    ("DeleteConversationRequest.conversation_id: .*UUID", lambda: DeleteConversationRequest.builder().conversation_id(C.replace("-", "")).build()),
    ("DeleteConversationRequest.conversation_id: .*UUID", lambda: DeleteConversationRequest.builder().conversation_id("{" + C + "}").build()),
    ("RenameConversationRequest.conversation_id: .*UUID", lambda: RenameConversationRequest.builder().conversation_id("c").request_body(RenameConversationRequestBody.builder().name("n").build()).build()),
    ("GetConversationVariablesRequest.conversation_id: .*UUID", lambda: GetConversationVariablesRequest.builder().conversation_id("c").build()),
    ("UpdateConversationVariableRequest.conversation_id: .*UUID", lambda: UpdateConversationVariableRequest.builder().conversation_id("c").variable_id(C).request_body(variable(None, 1)).build()),
    ("UpdateConversationVariableRequest.variable_id: .*UUID", lambda: UpdateConversationVariableRequest.builder().conversation_id(C).variable_id("count").request_body(variable(None, 1)).build()),
    ("GetSuggestedQuestionsRequest.message_id: .*UUID", lambda: GetSuggestedQuestionsRequest.builder().message_id("m-1").user("u").build()),
    ("DeleteAnnotationRequest.annotation_id: .*UUID", lambda: DeleteAnnotationRequest.builder().annotation_id("a-1").build()),
    ("UpdateAnnotationRequest.annotation_id: .*UUID", lambda: UpdateAnnotationRequest.builder().annotation_id("a-1").request_body(UpdateAnnotationRequestBody.builder().question("Q").answer("A").build()).build()),
    ("AnnotationReplyStatusRequest.job_id: .*UUID", lambda: AnnotationReplyStatusRequest.builder().action("enable").job_id("").build()),
    ("AnnotationReplyStatusRequest.job_id: .*UUID", lambda: AnnotationReplyStatusRequest.builder().action("enable").job_id("job-1").build()),
    # A value of the wrong kind for the value_type the caller stated.
    ("UpdateConversationVariableRequestBody.value: .*'number'", lambda: variable("number", True)),
    ("UpdateConversationVariableRequestBody.value: .*'number'", lambda: variable("number", "3")),
    ("UpdateConversationVariableRequestBody.value: .*'integer'", lambda: variable("integer", "3")),
    # Dify keeps an integer variable an integer: a float answers "not supported value type integer".
    ("UpdateConversationVariableRequestBody.value: .*'integer'", lambda: variable("integer", 4.0)),
    ("UpdateConversationVariableRequestBody.value: .*'float'", lambda: variable("float", 1)),
    ("UpdateConversationVariableRequestBody.value: .*'string'", lambda: variable("string", 3)),
    ("UpdateConversationVariableRequestBody.value: .*'secret'", lambda: variable("secret", ["s"])),
    ("UpdateConversationVariableRequestBody.value: .*'boolean'", lambda: variable("boolean", 1)),
    ("UpdateConversationVariableRequestBody.value: .*'object'", lambda: variable("object", [])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[string\\]'", lambda: variable("array[string]", ["a", 1])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[number\\]'", lambda: variable("array[number]", [True])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[object\\]'", lambda: variable("array[object]", [1])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[boolean\\]'", lambda: variable("array[boolean]", "true")),
    # Types Dify cannot load as a conversation variable: no update of one can succeed.
    ("UpdateConversationVariableRequestBody.value: .*Dify cannot update a variable of type 'file'", lambda: variable("file", {"transfer_method": "local_file"})),
    ("UpdateConversationVariableRequestBody.value: .*Dify cannot update .*'array\\[file\\]'", lambda: variable("array[file]", [])),
    ("UpdateConversationVariableRequestBody.value: .*Dify cannot update .*'array\\[any\\]'", lambda: variable("array[any]", [1, "a"])),
    ("UpdateConversationVariableRequestBody.value: .*Dify cannot update .*'none'", lambda: variable("none", 0)),
    ("UpdateConversationVariableRequestBody.value: .*null for every variable type", lambda: variable("none", None)),
    ("UpdateConversationVariableRequestBody.value: .*null for every variable type", lambda: variable(None, None)),
    ("UpdateConversationVariableRequestBody.value_type", lambda: variable("int", 3)),
    ("UpdateConversationVariableRequestBody.value: .*JSON", lambda: variable(None, {1, 2})),
    ("UpdateConversationVariableRequestBody.value: Field required", lambda: UpdateConversationVariableRequestBody.builder().build()),
]
# fmt: on


@pytest.mark.parametrize(
    ("message", "build"), CASES, ids=[f"{i}-{m.split(':')[0]}" for i, (m, _) in enumerate(CASES)]
)
def test_rejected_at_build_before_anything_is_sent(
    message: str, build: Callable[[], object], router: respx.MockRouter
) -> None:
    route = router.route()
    with pytest.raises(InvalidRequestError, match=message):
        build()
    assert route.call_count == 0


@pytest.mark.parametrize(
    ("value_type", "value"),
    [
        ("number", 3),
        ("number", 2.5),
        ("integer", 4),
        ("float", 1.5),
        ("string", "x"),
        ("secret", ""),
        ("boolean", False),
        ("object", {"a": [1, None]}),
        ("array[string]", []),
        ("array[number]", [1, 2.5]),
        ("array[object]", [{}]),
        ("array[boolean]", [True]),
        (None, "no type stated, nothing checked"),
    ],
)
def test_values_that_fit_are_sent_without_their_type(value_type: Any, value: Any) -> None:
    body = variable(value_type, value)
    assert body.model_dump(mode="json", exclude_none=True) == {"value": value}


def test_rename_with_auto_generate_needs_no_name() -> None:
    body = RenameConversationRequestBody.builder().auto_generate(True).build()
    assert body.model_dump(mode="json", exclude_none=True) == {"auto_generate": True}
