"""Ask once (blocking), then fetch the questions Dify suggests: GET /v1/messages/{message_id}/suggested."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

body = SendChatMessageRequestBody.builder().query("What is Dify?").user("example-user").build()
try:
    reply = client.chatflow.v1.chatflow.send_chat_message(
        SendChatMessageRequest.builder().request_body(body).build(), option
    )
    request = GetSuggestedQuestionsRequest.builder().message_id(reply.message_id).user("example-user").build()
    suggested = client.chatflow.v1.chatflow.get_suggested_questions(request, option)
except DifyError as e:
    sys.exit(f"suggested questions failed: {e}")
print(f"answer: {reply.answer}")
for question in suggested.data:
    print(f"suggested: {question}")
