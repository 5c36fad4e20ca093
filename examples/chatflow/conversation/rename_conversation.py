"""Name a conversation, then let Dify name it: POST /v1/conversations/{conversation_id}/name."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.rename_conversation_request import RenameConversationRequest
from dify_oapi.api.chatflow.v1.model.rename_conversation_request_body import RenameConversationRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect, start_conversation

with connect() as (client, option):
    try:
        conversation_id = start_conversation(client, option, "Plan a trip to Kyoto")
        fixed = RenameConversationRequestBody.builder().name("Kyoto trip").user("example-user").build()
        # auto_generate: Dify names it from the first message with the app's model; an app without
        # one keeps the name it had.
        auto = RenameConversationRequestBody.builder().auto_generate(True).user("example-user").build()
        for how, named in [("renamed", fixed), ("auto-named", auto)]:
            request = RenameConversationRequest.builder().conversation_id(conversation_id).request_body(named)
            renamed = client.chatflow.v1.conversation.rename_conversation(request.build(), option)
            print(f"{how} {conversation_id}: {renamed.name!r}")
    except DifyError as e:
        sys.exit(f"renaming failed: {e}")
