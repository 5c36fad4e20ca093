"""Start a streamed chat, then stop it by its task id: POST /v1/chat-messages/{task_id}/stop."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.events import MessageEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request import StopChatMessageRequest
from dify_oapi.api.chatflow.v1.model.stop_chat_message_request_body import StopChatMessageRequestBody

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

body = SendChatMessageRequestBody.builder().query("Tell me a long story").user("example-user").build()
chat = SendChatMessageRequest.builder().request_body(body).build()
try:
    with client.chatflow.v1.chatflow.send_chat_message(chat, option, True) as stream:
        first = next(event for event in stream if isinstance(event, MessageEvent))
        stop_body = StopChatMessageRequestBody.builder().user("example-user").build()
        stop = StopChatMessageRequest.builder().task_id(first.task_id).request_body(stop_body).build()
        result = client.chatflow.v1.chatflow.stop_chat_message(stop, option)
        print(f"stop task {first.task_id}: {result.result}")
        finished = [event.event for event in stream]  # Dify ends the stream: workflow_finished(stopped)
        print(f"stream ended after: {', '.join(finished[-2:])}")
except DifyError as e:
    sys.exit(f"stop failed: {e}")
