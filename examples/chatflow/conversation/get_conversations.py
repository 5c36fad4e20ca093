"""Chat three times, then list the user's conversations across every page: GET /v1/conversations."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.get_conversations_request import GetConversationsRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

try:
    for question in ["What is Dify?", "What is a chatflow?", "How do I deploy it?"]:
        body = SendChatMessageRequestBody.builder().query(question).user("example-user").build()
        chat = SendChatMessageRequest.builder().request_body(body).build()
        client.chatflow.v1.chatflow.send_chat_message(chat, option)
    request = GetConversationsRequest.builder().user("example-user").limit(2).sort_by("-updated_at").build()
    page = client.chatflow.v1.conversation.get_conversations(request, option)
    print(f"first page: {len(page.data)} conversations, has_more={page.has_more}")
    # iter_conversations sends one request per page of 2, following last_id until has_more is false.
    for conversation in client.chatflow.v1.conversation.iter_conversations(request, option):
        print(f"conversation {conversation.id}: {conversation.name!r}, updated_at={conversation.updated_at}")
except DifyError as e:
    sys.exit(f"listing conversations failed: {e}")
