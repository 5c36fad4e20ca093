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
    UpdateConversationVariableRequest,
    UpdateConversationVariableRequestBody,
)


def untyped(value: object) -> Any:
    """A value mypy would refuse, as an untyped caller could still pass it."""
    return value


def variable(value_type: Any, value: Any) -> UpdateConversationVariableRequestBody:
    builder = UpdateConversationVariableRequestBody.builder().value(value)
    return (builder if value_type is None else builder.value_type(value_type)).build()


def reply_settings(score_threshold: float) -> AnnotationReplySettingsRequestBody:
    builder = AnnotationReplySettingsRequestBody.builder().score_threshold(score_threshold)
    return builder.embedding_provider_name("openai").embedding_model_name("text-embedding-3-small").build()


# fmt: off
CASES: list[tuple[str, Callable[[], object]]] = [
    ("GetConversationsRequest.limit", lambda: GetConversationsRequest.builder().limit(0).build()),
    ("GetConversationMessagesRequest.limit", lambda: GetConversationMessagesRequest.builder().conversation_id("c").limit(101).build()),
    ("GetConversationVariablesRequest.limit", lambda: GetConversationVariablesRequest.builder().conversation_id("c").limit(True).build()),
    ("GetAnnotationsRequest.limit", lambda: GetAnnotationsRequest.builder().limit(101).build()),
    ("GetAnnotationsRequest.page", lambda: GetAnnotationsRequest.builder().page(0).build()),
    ("GetConversationsRequest.sort_by", lambda: GetConversationsRequest.builder().sort_by(untyped("sideways")).build()),
    ("GetConversationVariablesRequest.variable_name", lambda: GetConversationVariablesRequest.builder().conversation_id("c").variable_name("a b").build()),
    ("GetConversationMessagesRequest.conversation_id: Field required", lambda: GetConversationMessagesRequest.builder().build()),
    ("GetSuggestedQuestionsRequest.user: Field required", lambda: GetSuggestedQuestionsRequest.builder().message_id("m").build()),
    ("StopChatMessageRequestBody.user: Field required", lambda: StopChatMessageRequestBody.builder().build()),
    ("RenameConversationRequestBody.name: .*unless auto_generate", lambda: RenameConversationRequestBody.builder().user("u").build()),
    ("RenameConversationRequestBody.name: .*unless auto_generate", lambda: RenameConversationRequestBody.builder().name(" \t").build()),
    ("RenameConversationRequest.request_body: Field required", lambda: RenameConversationRequest.builder().conversation_id("c").build()),
    ("AnnotationReplySettingsRequest.action", lambda: AnnotationReplySettingsRequest.builder().action(untyped("toggle")).request_body(reply_settings(0.9)).build()),
    ("AnnotationReplyStatusRequest.action", lambda: AnnotationReplyStatusRequest.builder().action(untyped("toggle")).job_id("j").build()),
    ("AnnotationReplySettingsRequestBody.score_threshold", lambda: reply_settings(1.5)),
    ("AnnotationReplySettingsRequestBody.embedding_model_name: Field required", lambda: AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai").build()),
    ("CreateAnnotationRequestBody.answer: Field required", lambda: CreateAnnotationRequestBody.builder().question("Q?").build()),
    ("UpdateAnnotationRequest.request_body: Field required", lambda: UpdateAnnotationRequest.builder().annotation_id("a").build()),
    # Empty path ids would change which route is hit.
    ("DeleteConversationRequest.conversation_id", lambda: DeleteConversationRequest.builder().conversation_id("").build()),
    ("GetConversationVariablesRequest.conversation_id", lambda: GetConversationVariablesRequest.builder().conversation_id("").build()),
    ("UpdateConversationVariableRequest.variable_id", lambda: UpdateConversationVariableRequest.builder().conversation_id("c").variable_id("").request_body(variable(None, 1)).build()),
    ("DeleteAnnotationRequest.annotation_id", lambda: DeleteAnnotationRequest.builder().annotation_id("").build()),
    ("AnnotationReplyStatusRequest.job_id", lambda: AnnotationReplyStatusRequest.builder().action("enable").job_id("").build()),
    # A value of the wrong kind for the value_type the caller stated (§8.2).
    ("UpdateConversationVariableRequestBody.value: .*'number'", lambda: variable("number", True)),
    ("UpdateConversationVariableRequestBody.value: .*'number'", lambda: variable("number", "3")),
    ("UpdateConversationVariableRequestBody.value: .*'integer'", lambda: variable("integer", "3")),
    ("UpdateConversationVariableRequestBody.value: .*'string'", lambda: variable("string", 3)),
    ("UpdateConversationVariableRequestBody.value: .*'secret'", lambda: variable("secret", ["s"])),
    ("UpdateConversationVariableRequestBody.value: .*'boolean'", lambda: variable("boolean", 1)),
    ("UpdateConversationVariableRequestBody.value: .*'object'", lambda: variable("object", [])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[string\\]'", lambda: variable("array[string]", ["a", 1])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[number\\]'", lambda: variable("array[number]", [True])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[object\\]'", lambda: variable("array[object]", [1])),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[boolean\\]'", lambda: variable("array[boolean]", "true")),
    ("UpdateConversationVariableRequestBody.value: .*'array\\[any\\]'", lambda: variable("array[any]", {})),
    ("UpdateConversationVariableRequestBody.value_type", lambda: variable("int", 3)),
    ("UpdateConversationVariableRequestBody.value: .*must not be None", lambda: variable(None, None)),
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
        ("integer", 4.0),  # Dify checks integer as number
        ("float", 1),
        ("string", "x"),
        ("secret", ""),
        ("boolean", False),
        ("object", {"a": [1, None]}),
        ("array[string]", []),
        ("array[number]", [1, 2.5]),
        ("array[object]", [{}]),
        ("array[boolean]", [True]),
        ("array[any]", [1, "a", None]),
        ("file", {"transfer_method": "local_file"}),  # file shapes are left to Dify (unconfirmed)
        ("array[file]", "not checked"),
        ("none", 0),
        (None, "no type stated, nothing checked"),
    ],
)
def test_values_that_fit_are_sent_without_their_type(value_type: Any, value: Any) -> None:
    body = variable(value_type, value)
    assert body.model_dump(mode="json", exclude_none=True) == {"value": value}


def test_rename_with_auto_generate_needs_no_name() -> None:
    body = RenameConversationRequestBody.builder().auto_generate(True).build()
    assert body.model_dump(mode="json", exclude_none=True) == {"auto_generate": True}
