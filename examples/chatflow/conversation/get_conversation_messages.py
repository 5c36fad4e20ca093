"""Ask two questions in one conversation, then read its history: GET /v1/messages."""

import sys
import time
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import GetConversationMessagesRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    conversation_id = ""
    try:
        for question in ["What is Dify?", "And what is a chatflow?"]:
            body = SendChatMessageRequestBody.builder().query(question).user("example-user")
            if conversation_id:
                # Dify pages by created_at, which it keeps to the second: two messages of the same
                # second can come back in either order, and paging past one may skip the other.
                time.sleep(1)
                body.conversation_id(conversation_id)
            chat = SendChatMessageRequest.builder().request_body(body.build()).build()
            conversation_id = client.chatflow.v1.chatflow.send_chat_message(chat, option).conversation_id
        history = (
            GetConversationMessagesRequest.builder().conversation_id(conversation_id).user("example-user")
        )
        # limit(1) so iter_conversation_messages has to follow first_id: newest page first.
        for message in client.chatflow.v1.conversation.iter_conversation_messages(
            history.limit(1).build(), option
        ):
            print(f"{message.id} [{message.status}] {message.query} -> {message.answer}")
    except DifyError as e:
        sys.exit(f"reading history failed: {e}")
