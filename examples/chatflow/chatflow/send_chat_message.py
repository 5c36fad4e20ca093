"""Stream a chatflow answer as it arrives, then ask a follow-up in the same conversation.

Uses DOMAIN and CHATFLOW_KEY; without DOMAIN it runs against the bundled simulator.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.events import MessageEndEvent, MessageEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect(chunk_delay=0.02) as (client, option):
    conversation_id = None
    for question in ["What is Dify?", "And what is a chatflow?"]:
        body = SendChatMessageRequestBody.builder().query(question).user("example-user")
        if conversation_id:
            body.conversation_id(conversation_id)
        request = SendChatMessageRequest.builder().request_body(body.build()).build()
        try:
            with client.chatflow.v1.chatflow.send_chat_message(request, option, True) as stream:
                for event in stream:
                    if isinstance(event, MessageEvent):
                        print(event.answer, end="", flush=True)
                    elif isinstance(event, MessageEndEvent):
                        conversation_id = event.conversation_id
        except DifyError as e:
            sys.exit(f"chat failed: {e}")
        print(f"\nconversation_id: {conversation_id}")
