"""Ask once, like the answer with a comment, then withdraw the like:
POST /v1/messages/{message_id}/feedbacks."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.submit_feedback_request import SubmitFeedbackRequest
from dify_oapi.api.chatflow.v1.model.submit_feedback_request_body import SubmitFeedbackRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

USER = "example-user"  # only the user who sent a message can rate its answer

with connect() as (client, option):
    body = SendChatMessageRequestBody.builder().query("What is Dify?").user(USER).build()
    try:
        reply = client.chatflow.v1.chatflow.send_chat_message(
            SendChatMessageRequest.builder().request_body(body).build(), option
        )
        try:
            like = SubmitFeedbackRequestBody.builder().user(USER).rating("like").content("Clear and short.")
            request = SubmitFeedbackRequest.builder().message_id(reply.message_id).request_body(like.build())
            print(
                f"liked {reply.message_id}: {client.chatflow.v1.feedback.submit_feedback(request.build(), option).result}"
            )
            # No rating withdraws it; withdrawing a rating that is not there answers 400.
            withdraw = SubmitFeedbackRequestBody.builder().user(USER).rating(None).build()
            request = SubmitFeedbackRequest.builder().message_id(reply.message_id).request_body(withdraw)
            print(
                f"withdrew it: {client.chatflow.v1.feedback.submit_feedback(request.build(), option).result}"
            )
        finally:
            owner = DeleteConversationRequestBody.builder().user(USER).build()
            delete = DeleteConversationRequest.builder().conversation_id(reply.conversation_id)
            client.chatflow.v1.conversation.delete_conversation(delete.request_body(owner).build(), option)
    except DifyError as e:
        sys.exit(f"giving feedback failed: {e}")
