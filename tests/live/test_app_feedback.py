"""The app and feedback APIs against the real Dify 1.14.2, sync and async, and the simulator beside it.

The echo app's start form has one optional text input ``name`` (at most 48 characters) and its
"suggested questions after answer" is on. Feedbacks are the whole app's and other tests rate
messages at the same time, so a scenario finds its own by message id and removes what it made.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dify_oapi import BadRequestError, Client, NotFoundError
from dify_oapi.api.chatflow.v1.model import (
    AppFeedback,
    DeleteConversationRequest,
    DeleteConversationRequestBody,
    FeatureSwitch,
    GetConversationMessagesRequest,
    GetFeedbacksRequest,
    GetInfoRequest,
    GetInfoResponse,
    GetMetaRequest,
    GetParametersRequest,
    GetParametersResponse,
    GetSiteRequest,
    GetSiteResponse,
    SendChatMessageRequest,
    SendChatMessageRequestBody,
    SubmitFeedbackRequest,
    SubmitFeedbackRequestBody,
)
from dify_oapi.api.chatflow.v1.model.types import FeedbackRating
from dify_oapi.testing.simulator import Simulator
from tests.live.conftest import RealDify
from tests.live.driver import AsyncDriver, Driver
from tests.live.test_differential import shape


class _FindsEveryResource:
    """The drivers, reaching the app and feedback resources too."""

    client: Client

    def _api(self, name: str) -> Any:
        v1 = self.client.chatflow.v1
        resources = (v1.chatflow, v1.conversation, v1.annotation, v1.app, v1.feedback)
        return getattr(next(r for r in resources if hasattr(r, name)), name)


class SyncAppDriver(_FindsEveryResource, Driver):
    pass


class AsyncAppDriver(_FindsEveryResource, AsyncDriver):
    pass


@pytest.fixture(params=[SyncAppDriver, AsyncAppDriver], ids=["sync", "async"])
def d(request: pytest.FixtureRequest, real_dify: RealDify) -> Iterator[Driver]:
    driver: Driver = request.param(Client.builder().domain(real_dify.domain).build(), real_dify.key)
    yield driver
    driver.close()


@pytest.fixture
def user() -> str:
    return f"live-feedback-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def message(d: Driver, user: str) -> Iterator[str]:
    """One answered message of ``user``'s; its conversation, and with it its feedback, is deleted after."""
    body = SendChatMessageRequestBody.builder().query("rate me").user(user).build()
    reply = d.call("send_chat_message", SendChatMessageRequest.builder().request_body(body).build())
    yield reply.message_id
    owner = DeleteConversationRequestBody.builder().user(user).build()
    delete = DeleteConversationRequest.builder().conversation_id(reply.conversation_id).request_body(owner)
    d.call("delete_conversation", delete.build())


def rate(
    d: Driver, message_id: str, user: str, rating: FeedbackRating | None, content: str | None = None
) -> str:
    body = SubmitFeedbackRequestBody.builder().user(user).rating(rating).content(content).build()
    request = SubmitFeedbackRequest.builder().message_id(message_id).request_body(body).build()
    result: str = d.call("submit_feedback", request).result
    return result


def feedback_on(d: Driver, message_id: str) -> list[AppFeedback]:
    # Offset pages under other tests' ratings: a rating withdrawn mid-walk could pull ours past a
    # page boundary, so the pages are large; crossing them is tested on the simulator.
    every = d.collect("iter_feedbacks", GetFeedbacksRequest.builder().limit(101).build())
    return [f for f in every if f.message_id == message_id]


def test_parameters_describe_the_echo_apps_form_and_features(d: Driver) -> None:
    parameters: GetParametersResponse = d.call("get_parameters", GetParametersRequest.builder().build())

    name = parameters.input_control("name")
    assert name is not None and len(parameters.user_input_form) == 1
    assert (name.type, name.label, name.required, name.max_length, name.options) == (
        "text-input",
        "name",
        False,
        48,
        [],
    )
    assert parameters.suggested_questions_after_answer.enabled
    off: list[FeatureSwitch] = [
        parameters.speech_to_text,
        parameters.text_to_speech,
        parameters.retriever_resource,
    ]
    off += [parameters.annotation_reply, parameters.more_like_this, parameters.sensitive_word_avoidance]
    assert not any(switch.enabled for switch in (*off, parameters.file_upload))
    assert parameters.opening_statement == "" and parameters.suggested_questions == []
    assert parameters.system_parameters.file_size_limit == 15  # Dify's default UPLOAD_FILE_SIZE_LIMIT


def test_info_meta_and_site_describe_the_echo_app(d: Driver) -> None:
    info: GetInfoResponse = d.call("get_info", GetInfoRequest.builder().build())
    site: GetSiteResponse = d.call("get_site", GetSiteRequest.builder().build())

    assert (info.name, info.mode, info.tags, info.author_name) == (
        "realdify-echo-chatflow",
        "advanced-chat",
        [],
        "admin",
    )
    assert info.description is not None and "Variable Assigner" in info.description
    assert d.call("get_meta", GetMetaRequest.builder().build()).tool_icons == {}  # no tool node
    assert (site.title, site.icon_type, site.icon_url, site.default_language) == (
        info.name,
        "emoji",
        None,
        "en-US",
    )


def test_a_like_is_listed_shown_in_history_and_withdrawn(d: Driver, user: str, message: str) -> None:
    assert rate(d, message, user, "like", "clear") == "success"

    (mine,) = feedback_on(d, message)
    assert (mine.rating, mine.content, mine.from_source, mine.from_account_id) == (
        "like",
        "clear",
        "user",
        None,
    )
    assert mine.created_at <= mine.updated_at
    history = (
        GetConversationMessagesRequest.builder().conversation_id(mine.conversation_id).user(user).build()
    )
    (shown,) = d.call("get_conversation_messages", history).data
    assert shown.feedback is not None and shown.feedback.rating == "like"

    assert rate(d, message, user, "dislike") == "success"  # a second rating replaces the first
    (changed,) = feedback_on(d, message)
    assert (changed.id, changed.rating, changed.content) == (mine.id, "dislike", None)

    assert rate(d, message, user, None) == "success"
    assert feedback_on(d, message) == []
    with pytest.raises(BadRequestError, match="rating cannot be None when feedback not exists"):
        rate(d, message, user, None)


def test_only_the_messages_own_user_can_rate_it(d: Driver, user: str, message: str) -> None:
    with pytest.raises(NotFoundError, match="Message Not Exists"):
        rate(d, message, user + "-other", "like")
    with pytest.raises(NotFoundError, match="Message Not Exists"):
        rate(d, str(uuid.uuid4()), user, "like")


# --- the simulator beside the real server, on the raw wire


@pytest.fixture(scope="module")
def both(real_dify: RealDify) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with Simulator() as simulator:
        sides = [(simulator.url, simulator.api_key), (real_dify.domain, real_dify.key)]
        clients = [
            httpx.Client(base_url=f"{url}/v1", headers={"Authorization": f"Bearer {key}"}, timeout=30)
            for url, key in sides
        ]
        yield clients[0], clients[1]
        for http in clients:
            http.close()


def test_the_simulators_app_settings_are_the_echo_apps(both: tuple[httpx.Client, httpx.Client]) -> None:
    ours, theirs = ({p: http.get(f"/{p}") for p in ("info", "parameters", "meta", "site")} for http in both)

    for path in ours:
        assert ours[path].status_code == theirs[path].status_code == 200
        assert ours[path].headers["content-type"] == theirs[path].headers["content-type"]
        assert shape(ours[path].json()) == shape(theirs[path].json()), path
    assert ours["parameters"].content == theirs["parameters"].content  # the same form, byte for byte
    assert ours["meta"].content == theirs["meta"].content


def test_the_simulator_answers_feedback_as_the_real_server(both: tuple[httpx.Client, httpx.Client]) -> None:
    user = f"live-feedback-diff-{uuid.uuid4().hex[:8]}"
    seen = []
    for http in both:
        reply = http.post(
            "/chat-messages", json={"query": "q", "inputs": {}, "user": user, "response_mode": "blocking"}
        )
        message_id, conversation_id = reply.json()["message_id"], reply.json()["conversation_id"]
        url = f"/messages/{message_id}/feedbacks"
        answers = [
            http.post(url, json={"user": user}),
            http.post(url, json={"rating": "like"}),
            http.post(url, json={"user": user, "rating": "meh", "content": 5}),
            http.post(url, json={"user": user + "-other", "rating": "like"}),
            http.get("/app/feedbacks", params={"limit": "102", "page": "x"}),
            http.get("/app/feedbacks", params={"limit": "0"}),
            http.get(url),
            http.post(url, json={"user": user, "rating": "like", "content": "ok"}),
        ]
        listed = http.get("/app/feedbacks", params={"limit": 101}).json()["data"]
        mine = next(f for f in listed if f["message_id"] == message_id)
        history = http.get("/messages", params={"conversation_id": conversation_id, "user": user}).json()
        answers.append(http.post(url, json={"user": user, "rating": None}))
        http.request("DELETE", f"/conversations/{conversation_id}", json={"user": user})
        seen.append((answers, mine, history["data"][0]["feedback"]))
    (ours, our_feedback, our_shown), (theirs, their_feedback, their_shown) = seen

    for our, their in zip(ours, theirs, strict=True):
        assert (our.status_code, our.headers["content-type"]) == (
            their.status_code,
            their.headers["content-type"],
        )
        if our.headers["content-type"] == "application/json":
            assert our.json() == their.json()
    assert shape(our_feedback) == shape(their_feedback)
    assert len(our_feedback["created_at"]) == len(their_feedback["created_at"])  # naive, to the second
    assert our_shown == their_shown == {"rating": "like"}
