"""Human input on the wire: the typed events of a paused run, and the form's 412 as its own error."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
import respx

from dify_oapi import APIStatusError, Client, HumanInputFormClosedError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    GetHumanInputFormRequest,
    HumanInputFormFilledEvent,
    HumanInputFormTimeoutEvent,
    HumanInputRequiredEvent,
    UnknownEvent,
    WorkflowPausedEvent,
)
from dify_oapi.api.chatflow.v1.model.events import parse_event
from dify_oapi.testing.sse import encode_event
from tests.conftest import call
from tests.wire.test_stream import COMMON, consume, events_without, serve

RUN = "3c3d6f1e-8a7b-4c2d-9e1f-0a1b2c3d4e5f"
TOKEN = "hT3kq9ZbVxW2mLr7YpC4nA"
# The shapes of HumanInputRequiredResponse and WorkflowPauseStreamResponse in Dify 1.14.2.
FORM: dict[str, Any] = {
    "form_id": "6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c",
    "node_id": "1750000000001",
    "node_title": "Approval",
    "form_content": "Refund 42 EUR?\n\n{{#$output.comment#}}",
    "inputs": [
        {
            "output_variable_name": "comment",
            "type": "paragraph",
            "default": {"type": "variable", "selector": ["start", "name"], "value": ""},
        }
    ],
    "actions": [{"id": "approve", "title": "Approve", "button_style": "primary"}],
    "display_in_ui": True,
    "form_token": TOKEN,
    "resolved_default_values": {"comment": "Ada"},
    "expiration_time": 1767225600,
}
REASON = {"TYPE": "human_input_required", **{k: v for k, v in FORM.items() if k != "display_in_ui"}}
PAUSED: dict[str, Any] = {"workflow_run_id": RUN, "paused_nodes": ["1750000000001"], "outputs": {}}
PAUSED |= {"reasons": [REASON], "status": "paused", "created_at": 1, "elapsed_time": 0.8}
PAUSED |= {"total_tokens": 12, "total_steps": 3}


def frame(name: str, data: dict[str, Any]) -> bytes:
    return encode_event({"event": name, **COMMON, "workflow_run_id": RUN, "data": data})


def test_a_paused_run_streams_its_form_typed(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption
) -> None:
    head = events_without("message_end", "workflow_finished")
    serve(router, mode, [head, frame("human_input_required", FORM), frame("workflow_paused", PAUSED)])
    events: list[Any] = []
    consume(mode, client, option, events)
    required, paused = events[-2:]
    assert isinstance(required, HumanInputRequiredEvent) and isinstance(paused, WorkflowPausedEvent)
    assert required.workflow_run_id == RUN and required.data.form_token == TOKEN
    assert required.data.inputs[0].output_variable_name == "comment"
    assert required.data.inputs[0].default == {"type": "variable", "selector": ["start", "name"], "value": ""}
    assert required.data.actions[0].button_style == "primary"
    assert required.data.resolved_default_values == {"comment": "Ada"}
    assert paused.data.total_steps == 3 and paused.data.reasons[0]["form_token"] == TOKEN


def test_a_resumed_run_reports_the_form_filled_or_timed_out() -> None:
    filled: dict[str, Any] = {"node_id": "n", "node_title": "Approval", "rendered_content": "Refund? Ada"}
    filled |= {"action_id": "approve", "action_text": "Approve"}
    event = parse_event(frame("human_input_form_filled", filled)[6:-2])
    assert isinstance(event, HumanInputFormFilledEvent) and event.data.action_id == "approve"
    timeout = {"node_id": "n", "node_title": "Approval", "expiration_time": 1767225600}
    late = parse_event(frame("human_input_form_timeout", timeout)[6:-2])
    assert isinstance(late, HumanInputFormTimeoutEvent) and late.data.expiration_time == 1767225600


def test_a_form_of_another_shape_arrives_whole_with_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    drifted = {k: v for k, v in FORM.items() if k != "expiration_time"} | {"expires_at": "tomorrow"}
    with caplog.at_level(logging.WARNING, logger="dify_oapi"):
        event = parse_event(frame("human_input_required", drifted)[6:-2])
    assert isinstance(event, UnknownEvent) and event.model_extra is not None
    assert event.model_extra["data"]["form_token"] == TOKEN
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "HumanInputRequiredEvent" in caplog.records[0].getMessage()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("human_input_form_submitted", "This form has already been submitted by another user, form_id=f-1"),
        ("human_input_form_expired", "This form has expired, form_id=f-1"),
    ],
)
def test_a_closed_form_is_its_own_error(
    mode: str, router: respx.MockRouter, client: Client, option: RequestOption, code: str, message: str
) -> None:
    body = {"code": code, "message": message, "status": 412}
    router.get(f"/v1/form/human_input/{TOKEN}").mock(return_value=httpx.Response(412, json=body))
    request = GetHumanInputFormRequest.builder().form_token(TOKEN).build()
    with pytest.raises(HumanInputFormClosedError) as raised:
        call(mode, client.chatflow.v1.human_input, "get_human_input_form", request, option)
    assert isinstance(raised.value, APIStatusError)
    assert (raised.value.status_code, raised.value.code, raised.value.message) == (412, code, message)
