"""Start a conversation, then read its variables: GET /v1/conversations/{conversation_id}/variables."""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_request import GetConversationVariablesRequest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect, start_conversation

with connect() as (client, option):
    try:
        conversation_id = start_conversation(client, option, "Remember my settings")
        request = (
            GetConversationVariablesRequest.builder().conversation_id(conversation_id).user("example-user")
        )
        for variable in client.chatflow.v1.conversation.iter_conversation_variables(request.build(), option):
            # `value` is the str() Dify sends ("True", "{'lang': 'zh'}"); typed_value decodes it by value_type.
            print(f"{variable.name}: {variable.value_type} = {variable.typed_value!r}")
    except DifyError as e:
        sys.exit(f"reading variables failed: {e}")
