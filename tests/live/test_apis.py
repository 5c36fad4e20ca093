"""All 15 APIs against the real Dify 1.14.2, each scenario once through the sync and once through the
async client (``Driver``/``AsyncDriver``).

The server is shared with other tests running at the same time: every scenario works as an end user
of its own, finds what it made by that user or by a keyword of its own, and removes what it made.
The echo app answers ``You said: {query} (turn {count})``; its conversation variable ``count`` counts
the turns. Recorded exchanges with this server are in ``tests/fixtures/realdify/``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

from dify_oapi import AuthenticationError, BadRequestError, Client, InternalServerError, NotFoundError
from dify_oapi.api.chatflow.v1.model import AnnotationAction, ConversationVariable
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request import AnnotationReplySettingsRequest
from dify_oapi.api.chatflow.v1.model.annotation_reply_settings_request_body import (
    AnnotationReplySettingsRequestBody,
)
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_request import AnnotationReplyStatusRequest
from dify_oapi.api.chatflow.v1.model.annotation_reply_status_response import AnnotationReplyStatusResponse
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.create_annotation_response import CreateAnnotationResponse
from dify_oapi.api.chatflow.v1.model.delete_annotation_request import DeleteAnnotationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.events import (
    ChatflowEvent,
    MessageEndEvent,
    MessageEvent,
    WorkflowFinishedEvent,
    WorkflowStartedEvent,
)
from dify_oapi.api.chatflow.v1.model.get_annotations_request import GetAnnotationsRequest
from dify_oapi.api.chatflow.v1.model.get_annotations_response import GetAnnotationsResponse
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import GetConversationMessagesRequest
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_response import (
    GetConversationMessagesResponse,
)
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_request import GetConversationVariablesRequest
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from dify_oapi.api.chatflow.v1.model.get_conversations_response import GetConversationsResponse
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from dify_oapi.api.chatflow.v1.model.rename_conversation_request import RenameConversationRequest
from dify_oapi.api.chatflow.v1.model.rename_conversation_request_body import RenameConversationRequestBody
from dify_oapi.api.chatflow.v1.model.rename_conversation_response import RenameConversationResponse
from dify_oapi.api.chatflow.v1.model.send_chat_message_response import SendChatMessageResponse
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.update_annotation_request import UpdateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.update_annotation_request_body import UpdateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request import (
    UpdateConversationVariableRequest,
)
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request_body import (
    UpdateConversationVariableRequestBody,
)
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_response import (
    UpdateConversationVariableResponse,
)
from tests.helpers import chat
from tests.live.conftest import RealDify
from tests.live.driver import Driver

# Dify's worker runs an annotation-reply job within a second or two; give it ample room on a busy machine.
JOB_PATIENCE_SECONDS = 60


@pytest.fixture
def user(real_dify: RealDify) -> Iterator[str]:
    """An end user of this test alone; its conversations on every app are deleted afterwards."""
    name = f"live-{uuid.uuid4().hex[:12]}"
    yield name
    with Client.builder().domain(real_dify.domain).build() as client:
        for key in (real_dify.key, real_dify.slow_key, real_dify.failing_key):
            cleanup = Driver(client, key)
            listed = GetConversationsRequest.builder().user(name).limit(100).build()
            for conversation in cleanup.collect("iter_conversations", listed):
                owner = DeleteConversationRequestBody.builder().user(name).build()
                delete = DeleteConversationRequest.builder().conversation_id(conversation.id)
                cleanup.call("delete_conversation", delete.request_body(owner).build())


def answer_of(events: list[ChatflowEvent]) -> str:
    return "".join(event.answer for event in events if isinstance(event, MessageEvent))


def variables(d: Driver, conversation_id: str, user: str) -> dict[str, ConversationVariable]:
    # Not a page of one: Dify pages variables by created_at, which all of them share, and
    # a second page after last_id comes back empty.
    request = GetConversationVariablesRequest.builder().conversation_id(conversation_id).user(user).limit(100)
    return {v.name: v for v in d.collect("iter_conversation_variables", request.build())}


def set_variable(
    d: Driver, conversation_id: str, variable_id: str, body: UpdateConversationVariableRequestBody
) -> UpdateConversationVariableResponse:
    update = UpdateConversationVariableRequest.builder().conversation_id(conversation_id)
    request = update.variable_id(variable_id).request_body(body).build()
    result: UpdateConversationVariableResponse = d.call("update_conversation_variable", request)
    return result


# --- chat-messages, stop, suggested


def test_a_blocking_chat_answers_exactly(d: Driver, user: str) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))

    assert reply.answer == "You said: hello (turn 1)"
    assert reply.mode == "advanced-chat" and reply.message_id == reply.id
    assert reply.metadata.usage is not None and reply.metadata.usage.total_tokens == 0


def test_a_streamed_chat_arrives_in_order_and_a_second_turn_keeps_the_conversation(
    d: Driver, user: str
) -> None:
    first = d.stream(chat("hello", user))

    assert answer_of(first) == "You said: hello (turn 1)"
    assert isinstance(first[0], WorkflowStartedEvent)
    kinds = [type(event) for event in first]
    # Dify 1.14.2 sends message_end before workflow_finished, and nothing after it.
    assert kinds.index(MessageEndEvent) < kinds.index(WorkflowFinishedEvent) == len(kinds) - 1
    end = next(event for event in first if isinstance(event, MessageEndEvent))
    finished = first[-1]
    assert isinstance(finished, WorkflowFinishedEvent) and finished.data.status == "succeeded"

    second = d.stream(chat("and again", user, end.conversation_id))

    assert answer_of(second) == "You said: and again (turn 2)"


def test_a_stop_answers_success_for_a_finished_and_for_an_unknown_task(d: Driver, user: str) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))
    who = StopChatMessageRequestBody.builder().user(user).build()

    for task_id in (reply.task_id, str(uuid.uuid4())):
        stop = StopChatMessageRequest.builder().task_id(task_id).request_body(who).build()
        assert d.call("stop_chat_message", stop).result == "success"


def test_suggested_questions_need_a_model_and_the_feature(d: Driver, real_dify: RealDify, user: str) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))
    suggested = GetSuggestedQuestionsRequest.builder().message_id(reply.message_id).user(user).build()

    # The echo app has the feature on and no model to write suggestions with.
    with pytest.raises(InternalServerError) as no_model:
        d.call("get_suggested_questions", suggested)
    assert no_model.value.status == 500 and no_model.value.code == "internal_server_error"

    # The failing app has it off; its failed run still leaves a message to ask about.
    failing = d.using(real_dify.failing_key)
    with pytest.raises(BadRequestError, match="Run failed"):
        failing.call("send_chat_message", chat("hello", user))
    conversation = failing.collect("iter_conversations", GetConversationsRequest.builder().user(user).build())
    history = GetConversationMessagesRequest.builder().conversation_id(conversation[0].id).user(user)
    message = failing.collect("iter_conversation_messages", history.build())[0]
    assert message.status == "error"
    with pytest.raises(BadRequestError) as disabled:
        failing.call(
            "get_suggested_questions",
            GetSuggestedQuestionsRequest.builder().message_id(message.id).user(user).build(),
        )
    assert (disabled.value.code, disabled.value.message) == (
        "bad_request",
        "Suggested Questions Is Disabled.",
    )


def test_blocking_failures_are_typed_with_difys_code_and_message(
    d: Driver, real_dify: RealDify, user: str
) -> None:
    with pytest.raises(BadRequestError) as failed:
        d.using(real_dify.failing_key).call("send_chat_message", chat("hello", user))
    assert (failed.value.status, failed.value.code) == (400, "invalid_param")
    assert failed.value.message == "Run failed: [Errno 111] Connection refused"

    with pytest.raises(NotFoundError) as unknown:
        d.call("send_chat_message", chat("hello", user, str(uuid.uuid4())))
    assert (unknown.value.status, unknown.value.code) == (404, "not_found")
    assert unknown.value.message.startswith("Conversation Not Exists.")

    with pytest.raises(AuthenticationError) as refused:
        d.using("app-not-a-key-of-this-server").call("send_chat_message", chat("hello", user))
    assert (refused.value.status, refused.value.message) == (401, "Access token is invalid")
    assert "app-not-a-key-of-this-server" not in str(refused.value)


# --- conversation variables


def test_turns_count_through_the_conversation_variable(d: Driver, user: str) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))
    found = variables(d, reply.conversation_id, user)

    assert sorted(found) == ["count", "last_query"]
    count = found["count"]
    assert (count.value_type, count.typed_value) == ("number", 1)
    assert found["last_query"].typed_value == "hello"

    body = UpdateConversationVariableRequestBody.builder().value_type("number").value(41).user(user).build()
    updated = set_variable(d, reply.conversation_id, count.id, body)
    assert (updated.name, updated.value) == ("count", "41")

    next_turn = d.stream(chat("again", user, reply.conversation_id))
    assert answer_of(next_turn) == "You said: again (turn 42)"
    assert variables(d, reply.conversation_id, user)["count"].typed_value == 42


def test_a_value_of_the_wrong_type_is_refused_by_dify(d: Driver, user: str) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))
    count = variables(d, reply.conversation_id, user)["count"]
    # Without value_type the client cannot know the variable's type, so Dify is the one to refuse it.
    body = UpdateConversationVariableRequestBody.builder().value("forty-one").user(user).build()

    with pytest.raises(BadRequestError) as refused:
        set_variable(d, reply.conversation_id, count.id, body)

    assert refused.value.status == 400 and refused.value.code == "bad_request"
    assert refused.value.message == "Type mismatch: variable 'count' expects number, but got string type"


# --- conversations and messages


def test_conversations_page_by_last_id(d: Driver, user: str) -> None:
    made = {d.call("send_chat_message", chat(f"chat {n}", user)).conversation_id for n in range(3)}
    listed = GetConversationsRequest.builder().user(user).limit(2).build()

    first: GetConversationsResponse = d.call("get_conversations", listed)
    every = d.collect("iter_conversations", listed)

    assert (len(first.data), first.has_more, first.limit) == (2, True, 2)
    assert len(every) == 3 and {conversation.id for conversation in every} == made
    assert {conversation.name for conversation in every} <= {"chat 0", "chat 1", "chat 2", ""}


def test_messages_page_by_first_id_newest_page_first(d: Driver, user: str) -> None:
    conversation_id = None
    for turn in range(1, 4):
        if conversation_id is not None:
            time.sleep(1.05)  # Dify pages by created_at, in whole seconds: one turn per second
        reply: SendChatMessageResponse = d.call(
            "send_chat_message", chat(f"turn {turn}", user, conversation_id)
        )
        conversation_id = reply.conversation_id
    assert conversation_id is not None
    history = GetConversationMessagesRequest.builder().conversation_id(conversation_id).user(user).limit(1)

    page: GetConversationMessagesResponse = d.call("get_conversation_messages", history.build())
    every = d.collect("iter_conversation_messages", history.build())

    assert [m.query for m in page.data] == ["turn 3"] and page.has_more
    assert [m.query for m in every] == ["turn 3", "turn 2", "turn 1"]
    assert [m.answer for m in every] == [f"You said: turn {n} (turn {n})" for n in (3, 2, 1)]
    assert {m.conversation_id for m in every} == {conversation_id}


def test_a_conversation_is_renamed_by_hand_and_auto_naming_without_a_model_keeps_it(
    d: Driver, user: str
) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))
    rename = RenameConversationRequest.builder().conversation_id(reply.conversation_id)

    named = RenameConversationRequestBody.builder().name("live renamed").user(user).build()
    renamed: RenameConversationResponse = d.call("rename_conversation", rename.request_body(named).build())
    auto = RenameConversationRequestBody.builder().auto_generate(True).user(user).build()
    auto_named: RenameConversationResponse = d.call("rename_conversation", rename.request_body(auto).build())

    assert (renamed.id, renamed.name) == (reply.conversation_id, "live renamed")
    assert auto_named.name == "live renamed"
    listed = d.collect("iter_conversations", GetConversationsRequest.builder().user(user).build())
    assert [(c.id, c.name) for c in listed] == [(reply.conversation_id, "live renamed")]


def test_a_deleted_conversation_is_gone_and_deleting_it_again_is_404(d: Driver, user: str) -> None:
    reply: SendChatMessageResponse = d.call("send_chat_message", chat("hello", user))
    owner = DeleteConversationRequestBody.builder().user(user).build()
    delete = DeleteConversationRequest.builder().conversation_id(reply.conversation_id)
    delete_request = delete.request_body(owner).build()

    d.call("delete_conversation", delete_request)

    with pytest.raises(NotFoundError) as again:
        d.call("delete_conversation", delete_request)
    assert (again.value.status, again.value.code) == (404, "not_found")
    assert again.value.message.startswith("Conversation Not Exists.")
    history = GetConversationMessagesRequest.builder().conversation_id(reply.conversation_id).user(user)
    with pytest.raises(NotFoundError):
        d.call("get_conversation_messages", history.build())
    assert d.collect("iter_conversations", GetConversationsRequest.builder().user(user).build()) == []


# --- annotations


def test_annotations_are_created_found_by_page_updated_and_deleted(d: Driver) -> None:
    # Annotations belong to the app, which other tests share: this test's own keyword finds only its own.
    keyword = f"live-{uuid.uuid4().hex[:12]}"
    created: list[CreateAnnotationResponse] = []
    try:
        for n in range(3):
            body = (
                CreateAnnotationRequestBody.builder()
                .question(f"{keyword} question {n}")
                .answer(f"answer {n}")
            )
            request = CreateAnnotationRequest.builder().request_body(body.build()).build()
            created.append(d.call("create_annotation", request))
        assert [a.hit_count for a in created] == [0, 0, 0]
        search = GetAnnotationsRequest.builder().keyword(keyword).limit(2).build()

        page: GetAnnotationsResponse = d.call("get_annotations", search)
        every = d.collect("iter_annotations", search)

        assert (page.total, page.page, page.limit, len(page.data)) == (3, 1, 2, 2)
        assert sorted(a.id for a in every) == sorted(a.id for a in created)

        fixed = UpdateAnnotationRequestBody.builder().question(f"{keyword} question 0").answer("corrected")
        update = UpdateAnnotationRequest.builder().annotation_id(created[0].id).request_body(fixed.build())
        updated = d.call("update_annotation", update.build())
        assert (updated.id, updated.answer) == (created[0].id, "corrected")
    finally:
        for annotation in created:
            d.call(
                "delete_annotation", DeleteAnnotationRequest.builder().annotation_id(annotation.id).build()
            )

    with pytest.raises(NotFoundError) as again:
        d.call("delete_annotation", DeleteAnnotationRequest.builder().annotation_id(created[0].id).build())
    assert (again.value.code, again.value.message) == ("not_found", "Annotation not found")
    assert d.call("get_annotations", GetAnnotationsRequest.builder().keyword(keyword).build()).total == 0


def wait_for_job(d: Driver, action: AnnotationAction, job_id: str) -> AnnotationReplyStatusResponse:
    status = AnnotationReplyStatusRequest.builder().action(action).job_id(job_id).build()
    deadline = time.monotonic() + JOB_PATIENCE_SECONDS
    while True:
        job: AnnotationReplyStatusResponse = d.call("annotation_reply_status", status)
        if job.job_status in ("completed", "error") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def test_annotation_reply_jobs_run_to_their_final_state(d: Driver, real_dify: RealDify) -> None:
    # The slow app has no annotations, so enabling needs no embedding model and completes (with one
    # annotation it would end in "error": "Provider openai does not exist."); disabling then completes.
    slow = d.using(real_dify.slow_key)
    body = AnnotationReplySettingsRequestBody.builder().score_threshold(0.9).embedding_provider_name("openai")
    settings = body.embedding_model_name("text-embedding-3-small").build()

    actions: tuple[AnnotationAction, ...] = ("enable", "disable")
    for action in actions:
        start = AnnotationReplySettingsRequest.builder().action(action).request_body(settings)
        job = slow.call("annotation_reply_settings", start.build())
        assert job.job_status in ("waiting", "processing")
        done = wait_for_job(slow, action, job.job_id)
        assert (done.job_id, done.job_status) == (job.job_id, "completed")
        assert not done.error_msg  # "" once completed

    with pytest.raises(BadRequestError) as unknown:
        slow.call(
            "annotation_reply_status",
            AnnotationReplyStatusRequest.builder().action("enable").job_id(str(uuid.uuid4())).build(),
        )
    assert (unknown.value.code, unknown.value.message) == ("invalid_param", "The job does not exist.")
