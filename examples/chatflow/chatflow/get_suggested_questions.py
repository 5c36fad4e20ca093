"""Ask once (blocking), then fetch the questions Dify suggests: GET /v1/messages/{message_id}/suggested.

Dify writes the suggestions with the app's model. An app without one answers 500 and an app with the
feature off answers 400 "Suggested Questions Is Disabled."; the script then exits with that one line.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_suggested_questions_request import GetSuggestedQuestionsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    body = SendChatMessageRequestBody.builder().query("What is Dify?").user("example-user").build()
    try:
        reply = client.chatflow.v1.chatflow.send_chat_message(
            SendChatMessageRequest.builder().request_body(body).build(), option
        )
        print(f"answer: {reply.answer}")
        request = GetSuggestedQuestionsRequest.builder().message_id(reply.message_id).user("example-user")
        suggested = client.chatflow.v1.chatflow.get_suggested_questions(request.build(), option)
    except DifyError as e:
        sys.exit(f"suggested questions failed: {e}")
    for question in suggested.data:
        print(f"suggested: {question}")
