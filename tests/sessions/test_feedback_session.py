"""An end user rates answers on the simulator, and the app's owner reads every rating, page by page."""

from __future__ import annotations

import pytest

from dify_oapi import BadRequestError, Client, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    DeleteConversationRequest,
    DeleteConversationRequestBody,
    GetConversationMessagesRequest,
    GetFeedbacksRequest,
    GetParametersRequest,
    SendChatMessageResponse,
    SubmitFeedbackRequest,
    SubmitFeedbackRequestBody,
)
from dify_oapi.api.chatflow.v1.model.types import FeedbackRating
from dify_oapi.testing.simulator import Simulator
from tests.helpers import Driver
from tests.sessions.conftest import USER, chat


def rate(
    drive: Driver,
    live: tuple[Client, RequestOption],
    message_id: str,
    rating: FeedbackRating | None,
    user: str = USER,
) -> None:
    client, option = live
    body = SubmitFeedbackRequestBody.builder().user(user).rating(rating).build()
    request = SubmitFeedbackRequest.builder().message_id(message_id).request_body(body).build()
    assert drive.call(client.chatflow.v1.feedback, "submit_feedback", request, option).result == "success"


def test_ratings_are_listed_newest_first_across_pages_and_go_with_their_conversation(
    drive: Driver, live: tuple[Client, RequestOption]
) -> None:
    client, option = live
    replies: list[SendChatMessageResponse] = [
        drive.call(client.chatflow.v1.chatflow, "send_chat_message", chat(f"question {i}"), option)
        for i in range(5)
    ]
    for reply in replies:
        rate(drive, live, reply.message_id, "like")
    rate(drive, live, replies[0].message_id, "dislike")  # changes the rating, not its place

    listed = drive.walk(
        client.chatflow.v1.feedback, "feedbacks", GetFeedbacksRequest.builder().limit(2).build(), option
    )

    assert [f.message_id for f in listed] == [r.message_id for r in reversed(replies)]
    assert [f.rating for f in listed] == ["like"] * 4 + ["dislike"]
    history = GetConversationMessagesRequest.builder().conversation_id(replies[0].conversation_id).user(USER)
    (message,) = drive.call(
        client.chatflow.v1.conversation, "get_conversation_messages", history.build(), option
    ).data
    assert message.feedback is not None and message.feedback.rating == "dislike"

    owner = DeleteConversationRequestBody.builder().user(USER).build()
    delete = (
        DeleteConversationRequest.builder().conversation_id(replies[0].conversation_id).request_body(owner)
    )
    drive.call(client.chatflow.v1.conversation, "delete_conversation", delete.build(), option)
    page = drive.call(
        client.chatflow.v1.feedback, "get_feedbacks", GetFeedbacksRequest.builder().build(), option
    )
    assert replies[0].message_id not in {f.message_id for f in page.data} and len(page.data) == 4


def test_a_withdrawal_needs_a_rating_to_withdraw_and_the_messages_own_user(
    drive: Driver, live: tuple[Client, RequestOption]
) -> None:
    client, option = live
    reply = drive.call(client.chatflow.v1.chatflow, "send_chat_message", chat("rate me"), option)

    with pytest.raises(BadRequestError, match="rating cannot be None when feedback not exists"):
        rate(drive, live, reply.message_id, None)
    with pytest.raises(NotFoundError, match="Message Not Exists"):
        rate(drive, live, reply.message_id, "like", user="someone-else")
    rate(drive, live, reply.message_id, "like")
    rate(drive, live, reply.message_id, None)
    page = drive.call(
        client.chatflow.v1.feedback, "get_feedbacks", GetFeedbacksRequest.builder().build(), option
    )
    assert page.data == []


def test_the_parameters_follow_the_simulated_apps_switch(drive: Driver) -> None:
    with (
        Simulator(suggested_questions=False) as sim,
        Client.builder().domain(sim.url + "/v1").build() as client,
    ):
        option = RequestOption.builder().api_key(sim.api_key).build()
        parameters = drive.call(
            client.chatflow.v1.app, "get_parameters", GetParametersRequest.builder().build(), option
        )
    assert not parameters.suggested_questions_after_answer.enabled
    control = parameters.input_control("name")
    assert control is not None and control.max_length == 48
