"""The pytest plugin users enable for their own tests: its fixtures, its marker, and ``-p`` loading."""

from __future__ import annotations

import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model import MessageEvent, WorkflowPausedEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.testing.simulator import Answer, Simulator

pytest_plugins = ["pytester", "dify_oapi.testing.pytest_plugin"]


def ask(query: str) -> SendChatMessageRequest:
    body = SendChatMessageRequestBody.builder().query(query).user("plugin-user").build()
    return SendChatMessageRequest.builder().request_body(body).build()


def test_the_fixtures_give_a_client_on_a_running_simulator(
    dify_simulator: Simulator, dify_client: Client, dify_request_option: RequestOption
) -> None:
    dify_simulator.script("Scripted for this test.")
    reply = dify_client.chatflow.v1.chatflow.send_chat_message(ask("hi"), dify_request_option)
    assert reply.answer == "Scripted for this test."
    assert [r.json["query"] for r in dify_simulator.requests] == ["hi"]


def test_a_users_project_loads_it_with_dash_p_and_sets_it_up_by_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_uses_the_simulator(dify_simulator):
            assert dify_simulator.url.startswith("http://127.0.0.1:")

        @pytest.mark.dify_simulator(api_key="app-mine", suggested_questions=False)
        def test_marker(dify_simulator, dify_client, dify_request_option):
            assert dify_simulator.api_key == "app-mine"
            assert dify_simulator.app.suggested_questions is False
        """
    )
    result = pytester.runpytest_inprocess("-p", "dify_oapi.testing.pytest_plugin", "-W", "error")
    result.assert_outcomes(passed=2)


def test_a_scripted_pause_reaches_the_client_as_a_paused_stream(
    dify_simulator: Simulator, dify_client: Client, dify_request_option: RequestOption
) -> None:
    dify_simulator.script(Answer.paused("Approve the refund?", text="Checking your order. "))
    with dify_client.chatflow.v1.chatflow.send_chat_message(
        ask("refund"), dify_request_option, True
    ) as stream:
        events = list(stream)
    assert stream.paused and isinstance(events[-1], WorkflowPausedEvent)
    assert "".join(e.answer for e in events if isinstance(e, MessageEvent)) == "Checking your order. "
