"""Dislike an answer, then find that rating among every feedback the app has: GET /v1/app/feedbacks.

The list is the whole app's (every end user's, and ratings given in the console), newest first.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.get_feedbacks_request import GetFeedbacksRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.submit_feedback_request import SubmitFeedbackRequest
from dify_oapi.api.chatflow.v1.model.submit_feedback_request_body import SubmitFeedbackRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

USER = "example-user"

with connect() as (client, option):
    body = SendChatMessageRequestBody.builder().query("How do I deploy it?").user(USER).build()
    try:
        reply = client.chatflow.v1.chatflow.send_chat_message(
            SendChatMessageRequest.builder().request_body(body).build(), option
        )
        try:
            dislike = SubmitFeedbackRequestBody.builder().user(USER).rating("dislike").content("Too vague.")
            rate = SubmitFeedbackRequest.builder().message_id(reply.message_id).request_body(dislike.build())
            client.chatflow.v1.feedback.submit_feedback(rate.build(), option)
            page = client.chatflow.v1.feedback.get_feedbacks(
                GetFeedbacksRequest.builder().limit(5).build(), option
            )
            print(f"first page: {len(page.data)} feedbacks")
            # iter_feedbacks asks for the next page until one comes back shorter than limit.
            every = client.chatflow.v1.feedback.iter_feedbacks(
                GetFeedbacksRequest.builder().limit(50).build(), option
            )
            mine = next(f for f in every if f.message_id == reply.message_id)
            print(
                f"found {mine.rating} {mine.content!r} from {mine.from_source}, given {mine.created_at:%Y-%m-%d}"
            )
        finally:
            # Deleting the conversation deletes its messages' feedbacks too.
            owner = DeleteConversationRequestBody.builder().user(USER).build()
            delete = DeleteConversationRequest.builder().conversation_id(reply.conversation_id)
            client.chatflow.v1.conversation.delete_conversation(delete.request_body(owner).build(), option)
    except DifyError as e:
        sys.exit(f"listing feedbacks failed: {e}")
