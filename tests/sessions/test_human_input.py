"""A run paused for human input, on the simulator: read the form from the stream, fetch it, answer it."""

from __future__ import annotations

import pytest

from dify_oapi import BadRequestError, Client, HumanInputFormClosedError, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    GetHumanInputFormRequest,
    HumanInputRequiredEvent,
    SubmitHumanInputFormRequest,
    SubmitHumanInputFormRequestBody,
    WorkflowPausedEvent,
)
from dify_oapi.testing.simulator import Answer, Simulator
from tests.helpers import Driver
from tests.sessions.conftest import USER, chat


def submit(token: str, action: str, **inputs: str) -> SubmitHumanInputFormRequest:
    body = SubmitHumanInputFormRequestBody.builder().inputs(dict(inputs)).action(action).user(USER).build()
    return SubmitHumanInputFormRequest.builder().form_token(token).request_body(body).build()


def test_a_paused_run_is_answered_once(
    sim: Simulator, live: tuple[Client, RequestOption], drive: Driver
) -> None:
    client, option = live
    sim.script(Answer.paused("Refund 42 EUR?", text="Checking. "))
    events = drive.stream(client.chatflow.v1.chatflow, chat("Refund my order"), option)
    required, paused = events[-2:]
    assert isinstance(required, HumanInputRequiredEvent) and isinstance(paused, WorkflowPausedEvent)
    token = required.data.form_token
    assert token is not None and len(token) == 22 and token.isalnum()
    assert paused.data.paused_nodes == [required.data.node_id]
    assert paused.data.reasons[0]["form_token"] == token

    human_input = client.chatflow.v1.human_input
    form = drive.call(
        human_input,
        "get_human_input_form",
        GetHumanInputFormRequest.builder().form_token(token).build(),
        option,
    )
    assert form.form_content == "Refund 42 EUR?"
    assert [a.id for a in form.user_actions] == [a.id for a in required.data.actions] == ["approve", "reject"]
    assert [i.output_variable_name for i in form.inputs] == ["comment"]

    with pytest.raises(BadRequestError, match="Missing required inputs: comment") as missing:
        drive.call(human_input, "submit_human_input_form", submit(token, "approve"), option)
    assert missing.value.code == "invalid_form_data"
    with pytest.raises(BadRequestError, match="Invalid action: maybe"):
        drive.call(human_input, "submit_human_input_form", submit(token, "maybe", comment="ok"), option)

    done = drive.call(human_input, "submit_human_input_form", submit(token, "approve", comment="ok"), option)
    assert done.model_dump() == {}
    assert sim.app.state.forms[token].submission == {
        "action": "approve",
        "inputs": {"comment": "ok"},
        "user": USER,
    }

    with pytest.raises(HumanInputFormClosedError) as again:
        drive.call(human_input, "submit_human_input_form", submit(token, "reject", comment="no"), option)
    assert again.value.status_code == 412 and again.value.code == "human_input_form_submitted"
    with pytest.raises(HumanInputFormClosedError):
        drive.call(
            human_input,
            "get_human_input_form",
            GetHumanInputFormRequest.builder().form_token(token).build(),
            option,
        )


def test_an_expired_form_and_an_unknown_token(
    sim: Simulator, live: tuple[Client, RequestOption], drive: Driver
) -> None:
    client, option = live
    sim.script(Answer.paused("Approve?"))
    required = drive.stream(client.chatflow.v1.chatflow, chat("Go"), option)[-2]
    token = required.data.form_token
    sim.app.state.forms[token].expired = True
    human_input = client.chatflow.v1.human_input
    with pytest.raises(HumanInputFormClosedError) as expired:
        drive.call(human_input, "submit_human_input_form", submit(token, "approve", comment="ok"), option)
    assert expired.value.code == "human_input_form_expired"
    with pytest.raises(NotFoundError, match="Form not found"):
        drive.call(
            human_input,
            "get_human_input_form",
            GetHumanInputFormRequest.builder().form_token("nope").build(),
            option,
        )


def test_a_blocking_chat_that_pauses_hands_back_the_form_token(
    sim: Simulator, live: tuple[Client, RequestOption], drive: Driver
) -> None:
    client, option = live
    sim.script(Answer.paused("Approve?", text="Checking. "))
    reply = drive.call(client.chatflow.v1.chatflow, "send_chat_message", chat("Go"), option)
    assert reply.event == "workflow_paused" and reply.answer == "Checking. "
    assert reply.data is not None and reply.data["workflow_run_id"] == reply.workflow_run_id
    (reason,) = reply.data["reasons"]
    assert reason["TYPE"] == "human_input_required"
    request = GetHumanInputFormRequest.builder().form_token(reason["form_token"]).build()
    form = drive.call(client.chatflow.v1.human_input, "get_human_input_form", request, option)
    assert form.form_content == "Approve?"
