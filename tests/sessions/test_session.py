"""A whole user session against the simulator on real sockets, then the iterators over many pages."""

from __future__ import annotations

from typing import Any

import pytest

from dify_oapi import BadRequestError, Client, InvalidRequestError, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    AnnotationReplySettingsRequest,
    AnnotationReplySettingsRequestBody,
    AnnotationReplyStatusRequest,
    CreateAnnotationRequest,
    CreateAnnotationRequestBody,
    DeleteAnnotationRequest,
    DeleteConversationRequest,
    DeleteConversationRequestBody,
    GetAnnotationsRequest,
    GetConversationMessagesRequest,
    GetConversationsRequest,
    GetConversationVariablesRequest,
    MessageEndEvent,
    MessageEvent,
    RenameConversationRequest,
    RenameConversationRequestBody,
    UpdateAnnotationRequest,
    UpdateAnnotationRequestBody,
    UpdateConversationVariableRequest,
    UpdateConversationVariableRequestBody,
)
from dify_oapi.api.chatflow.v1.model.types import SortBy
from dify_oapi.testing.simulator import Simulator
from tests.conftest import call
from tests.helpers import Driver
from tests.sessions.conftest import USER, chat, stream_all

SORTS: list[SortBy] = ["created_at", "-created_at", "updated_at", "-updated_at"]


def walk(mode: str, resource: Any, name: str, request: Any, option: RequestOption) -> list[Any]:
    """Every item of ``iter_<name>`` (sync) or ``aiter_<name>`` (async)."""
    return Driver(mode).walk(resource, name, request, option)


def test_a_whole_session(sim: Simulator, live: tuple[Client, RequestOption], mode: str) -> None:
    client, option = live
    conv, notes = client.chatflow.v1.conversation, client.chatflow.v1.annotation
    events = stream_all(mode, client, option, chat("Where is Kyoto?"))
    cid = next(event for event in events if isinstance(event, MessageEndEvent)).conversation_id
    assert "Kyoto" in "".join(event.answer for event in events if isinstance(event, MessageEvent))
    mine = call(mode, conv, "get_conversations", GetConversationsRequest.builder().user(USER).build(), option)
    assert [c.id for c in mine.data] == [cid] and not mine.has_more
    theirs = GetConversationsRequest.builder().user("someone-else").build()
    assert call(mode, conv, "get_conversations", theirs, option).data == []

    rename = RenameConversationRequest.builder().conversation_id(cid)
    fixed = RenameConversationRequestBody.builder().name("Trip").user(USER).build()
    assert call(mode, conv, "rename_conversation", rename.request_body(fixed).build(), option).name == "Trip"
    auto = RenameConversationRequestBody.builder().auto_generate(True).user(USER).build()
    renamed = call(mode, conv, "rename_conversation", rename.request_body(auto).build(), option)
    assert renamed.name == "Where is Kyoto?"

    history = GetConversationMessagesRequest.builder().conversation_id(cid).user(USER).build()
    messages = call(mode, conv, "get_conversation_messages", history, option).data
    assert [(m.query, m.status) for m in messages] == [("Where is Kyoto?", "normal")]
    assert "Kyoto" in messages[0].answer

    variables = GetConversationVariablesRequest.builder().conversation_id(cid).user(USER).build()
    listed = walk(mode, conv, "conversation_variables", variables, option)
    turns = next(v for v in listed if v.name == "turns")
    assert (turns.value, turns.typed_value) == ("3", 3)
    update = UpdateConversationVariableRequest.builder().conversation_id(cid).variable_id(turns.id)
    new = UpdateConversationVariableRequestBody.builder().value(7).user(USER).build()
    updated = call(mode, conv, "update_conversation_variable", update.request_body(new).build(), option)
    assert (updated.value, updated.typed_value) == ("7", 7)
    wrong = UpdateConversationVariableRequestBody.builder().value("seven").user(USER).build()
    with pytest.raises(BadRequestError) as raised:
        call(mode, conv, "update_conversation_variable", update.request_body(wrong).build(), option)
    assert (raised.value.status, raised.value.code) == (400, "bad_request")
    assert raised.value.message == "Type mismatch: variable 'turns' expects number, but got string type"
    sent = sim.count("PUT", "/v1/conversations/*")
    with pytest.raises(InvalidRequestError, match="value_type 'number'"):
        UpdateConversationVariableRequestBody.builder().value_type("number").value("seven").build()
    assert sim.count("PUT", "/v1/conversations/*") == sent == 2

    body = CreateAnnotationRequestBody.builder().question("Where is Kyoto?").answer("In Japan.").build()
    create = CreateAnnotationRequest.builder().request_body(body).build()
    note = call(mode, notes, "create_annotation", create, option)
    for keyword, found in [("kyoto", [note.id]), ("osaka", [])]:
        search = GetAnnotationsRequest.builder().keyword(keyword).build()
        page = call(mode, notes, "get_annotations", search, option)
        assert [a.id for a in page.data] == found and page.total == len(found)
    fix = UpdateAnnotationRequestBody.builder().question("Where is Kyoto?").answer("In Kansai.").build()
    edit = UpdateAnnotationRequest.builder().annotation_id(note.id).request_body(fix).build()
    assert call(mode, notes, "update_annotation", edit, option).answer == "In Kansai."
    delete = DeleteAnnotationRequest.builder().annotation_id(note.id).build()
    call(mode, notes, "delete_annotation", delete, option)
    with pytest.raises(NotFoundError, match="Annotation not found"):
        call(mode, notes, "update_annotation", edit, option)

    settings = AnnotationReplySettingsRequestBody.builder().score_threshold(0.9)
    settings.embedding_provider_name("openai").embedding_model_name("text-embedding-3-small")
    enable = AnnotationReplySettingsRequest.builder().action("enable").request_body(settings.build()).build()
    job = call(mode, notes, "annotation_reply_settings", enable, option)
    status = AnnotationReplyStatusRequest.builder().action("enable").job_id(job.job_id).build()
    seen = [job.job_status]
    while seen[-1] not in ("completed", "error") and len(seen) < 10:
        seen.append(call(mode, notes, "annotation_reply_status", status, option).job_status)
    assert seen == ["waiting", "processing", "completed"]

    owner = DeleteConversationRequestBody.builder().user(USER).build()
    gone = DeleteConversationRequest.builder().conversation_id(cid).request_body(owner).build()
    call(mode, conv, "delete_conversation", gone, option)
    with pytest.raises(NotFoundError) as missing:
        call(mode, conv, "get_conversation_messages", history, option)
    assert missing.value.status == 404 and missing.value.message.startswith("Conversation Not Exists.")


def test_iterators_walk_every_page(sim: Simulator, live: tuple[Client, RequestOption], mode: str) -> None:
    client, option = live
    v1 = client.chatflow.v1
    ids = [v1.chatflow.send_chat_message(chat(f"question {i}"), option).conversation_id for i in range(25)]
    for cid in ids[:5]:  # the oldest five become the most recently updated
        body = RenameConversationRequestBody.builder().name("renamed").user(USER).build()
        rename = RenameConversationRequest.builder().conversation_id(cid).request_body(body).build()
        v1.conversation.rename_conversation(rename, option)
    orders = []
    for sort_by in SORTS:
        before = sim.count("GET", "/v1/conversations")
        request = GetConversationsRequest.builder().user(USER).limit(10).sort_by(sort_by).build()
        items = walk(mode, v1.conversation, "conversations", request, option)
        assert sim.count("GET", "/v1/conversations") - before == 3
        key = sort_by.lstrip("-")
        assert sorted(c.id for c in items) == sorted(ids)
        assert items == sorted(items, key=lambda c: getattr(c, key), reverse=sort_by.startswith("-"))
        orders.append([c.id for c in items])
    assert orders[0] == ids and orders[1] == ids[::-1] and orders[2] == ids[5:] + ids[:5]

    for i in range(1, 7):
        v1.chatflow.send_chat_message(chat(f"follow-up {i}", ids[0]), option)
    history = GetConversationMessagesRequest.builder().conversation_id(ids[0]).user(USER).limit(3).build()
    before = len(sim.requests)
    messages = {m.query: m.id for m in walk(mode, v1.conversation, "conversation_messages", history, option)}
    # Newest page first, each page oldest first; the next page is the one before the oldest seen.
    assert list(messages) == [f"follow-up {i}" for i in (4, 5, 6, 1, 2, 3)] + ["question 0"]
    cursors = [r.query.get("first_id") for r in sim.requests[before:]]
    assert cursors == [None, messages["follow-up 4"], messages["follow-up 1"]]

    variables = GetConversationVariablesRequest.builder().conversation_id(ids[0]).user(USER).limit(2).build()
    before = sim.count("GET", "/v1/conversations/*")
    assert len(walk(mode, v1.conversation, "conversation_variables", variables, option)) == 5
    assert sim.count("GET", "/v1/conversations/*") - before == 3

    for i in range(25):
        word = "alpha" if i < 20 else "beta"
        canned = CreateAnnotationRequestBody.builder().question(f"{word} {i}").answer("a").build()
        create = CreateAnnotationRequest.builder().request_body(canned).build()
        v1.annotation.create_annotation(create, option)
    # 20 alphas in pages of 10: page 2 is full and says has_more, but total ends the walk there.
    for keyword, found, pages in [(None, 25, 3), ("alpha", 20, 2), ("beta", 5, 1)]:
        search = GetAnnotationsRequest.builder().limit(10)
        if keyword:
            search.keyword(keyword)
        before = sim.count("GET", "/v1/apps/annotations")
        items = walk(mode, v1.annotation, "annotations", search.build(), option)
        assert len({a.id for a in items}) == found
        assert sim.count("GET", "/v1/apps/annotations") - before == pages
