"""Start a streamed chat, then stop it by its task id: POST /v1/chat-messages/{task_id}/stop.

A stop that lands while the run goes on ends the stream without an exception: its last event is
workflow_finished with status "stopped" (or "failed" with "Aborted: User requested stop" when the stop
falls between two nodes). A run that finished before the stop arrived ends as usual; Dify answers
"success" either way. Against a real app, give it one that takes a while to answer.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.events import MessageEvent, WorkflowFinishedEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

# A little delay per simulated chunk, so the stop lands while the answer is still streaming.
with connect(chunk_delay=0.05) as (client, option):
    body = SendChatMessageRequestBody.builder().query("Tell me a long story").user("example-user").build()
    chat = SendChatMessageRequest.builder().request_body(body).build()
    try:
        with client.chatflow.v1.chatflow.send_chat_message(chat, option, True) as stream:
            first = next((event for event in stream if isinstance(event, MessageEvent)), None)
            if first is None:
                sys.exit("the run ended before its first answer chunk: nothing left to stop")
            stop_body = StopChatMessageRequestBody.builder().user("example-user").build()
            stop = StopChatMessageRequest.builder().task_id(first.task_id).request_body(stop_body).build()
            result = client.chatflow.v1.chatflow.stop_chat_message(stop, option)
            print(f"stop task {first.task_id}: {result.result}")
            # Read on to the end: Dify closes the stream once the run has wound down.
            ends = [event.data for event in stream if isinstance(event, WorkflowFinishedEvent)]
    except DifyError as e:
        sys.exit(f"stop failed: {e}")
    for end in ends:
        print(f"run ended: {end.status}" + (f" ({end.error})" if end.error else ""))
