"""Reattach to a run's events: GET /v1/workflow/{workflow_run_id}/events.

A run goes on on Dify when the connection reading it drops. ``get_workflow_events`` opens its
events again: with ``include_state_snapshot`` Dify first replays the run's start and its nodes, then
streams what the run does from then on; a run already over answers with its ``workflow_finished``
alone. ``send_chat_message(..., True, resume=True)`` does this by itself when a stream breaks.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_workflow_events_request import GetWorkflowEventsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    body = SendChatMessageRequestBody.builder().query("What is Dify?").user("example-user").build()
    chat = SendChatMessageRequest.builder().request_body(body).build()
    try:
        with client.chatflow.v1.chatflow.send_chat_message(chat, option, True, resume=True) as stream:
            result = stream.final_result()
        if result.workflow_run_id is None:
            sys.exit("the stream carried no workflow run id")
        print(f"run {result.workflow_run_id}: {result.outcome}")
        events = (
            GetWorkflowEventsRequest.builder()
            .workflow_run_id(result.workflow_run_id)
            .user("example-user")
            .include_state_snapshot(True)
            .build()
        )
        with client.chatflow.v1.workflow.get_workflow_events(events, option) as again:
            reattached = again.final_result()
    except DifyError as e:
        sys.exit(f"reattaching failed: {e}")
    answer = (reattached.outputs or {}).get("answer")
    print(f"reattached: {reattached.outcome}, answer {answer!r}")
