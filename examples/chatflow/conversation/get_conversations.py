"""Chat three times, then list the user's newest conversations across pages: GET /v1/conversations."""

import itertools
import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    try:
        for question in ["What is Dify?", "What is a chatflow?", "How do I deploy it?"]:
            body = SendChatMessageRequestBody.builder().query(question).user("example-user").build()
            chat = SendChatMessageRequest.builder().request_body(body).build()
            client.chatflow.v1.chatflow.send_chat_message(chat, option)
        request = (
            GetConversationsRequest.builder().user("example-user").limit(2).sort_by("-updated_at").build()
        )
        page = client.chatflow.v1.conversation.get_conversations(request, option)
        print(f"first page: {len(page.data)} conversations, has_more={page.has_more}")
        # iter_conversations follows last_id page after page, asking for a page of 2 only when the
        # loop needs it: the three newest take two requests, however many conversations the user has.
        newest = client.chatflow.v1.conversation.iter_conversations(request, option)
        for conversation in itertools.islice(newest, 3):
            print(
                f"conversation {conversation.id}: {conversation.name!r}, updated_at={conversation.updated_at}"
            )
    except DifyError as e:
        sys.exit(f"listing conversations failed: {e}")
