"""Start a conversation, delete it, and show its history is gone: DELETE /v1/conversations/{conversation_id}."""

import sys
from pathlib import Path

from dify_oapi import DifyError, NotFoundError
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import GetConversationMessagesRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect, start_conversation

with connect() as (client, option):
    try:
        conversation_id = start_conversation(client, option, "Forget this soon")
        owner = DeleteConversationRequestBody.builder().user("example-user").build()
        delete = DeleteConversationRequest.builder().conversation_id(conversation_id).request_body(owner)
        client.chatflow.v1.conversation.delete_conversation(delete.build(), option)
        print(f"deleted conversation {conversation_id}")
        history = (
            GetConversationMessagesRequest.builder().conversation_id(conversation_id).user("example-user")
        )
        try:
            client.chatflow.v1.conversation.get_conversation_messages(history.build(), option)
        except NotFoundError as e:
            print(f"history afterwards: {e.status} {e.message}")
    except DifyError as e:
        sys.exit(f"deleting the conversation failed: {e}")
