"""Bump a number variable: PUT /v1/conversations/{conversation_id}/variables/{variable_id}.

It bumps the conversation's first variable of type number; an app that declares none ends the script
with one line saying so.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError, InvalidRequestError
from dify_oapi.api.chatflow.v1.model.get_conversation_variables_request import GetConversationVariablesRequest
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request import (
    UpdateConversationVariableRequest,
)
from dify_oapi.api.chatflow.v1.model.update_conversation_variable_request_body import (
    UpdateConversationVariableRequestBody,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect, start_conversation

with connect() as (client, option):
    try:
        conversation_id = start_conversation(client, option, "Count my turns")
        find = GetConversationVariablesRequest.builder().conversation_id(conversation_id).user("example-user")
        variables = client.chatflow.v1.conversation.iter_conversation_variables(find.build(), option)
        number = next((variable for variable in variables if variable.value_type == "number"), None)
        if number is None:
            sys.exit("this app declares no conversation variable of type number to bump")
        # value_type is checked at build() and never sent: a value of another kind fails here, not at Dify.
        new = UpdateConversationVariableRequestBody.builder().value_type("number").user("example-user")
        try:
            new.value("four").build()
        except InvalidRequestError as e:
            print(f"rejected before sending: {e}")
        update = UpdateConversationVariableRequest.builder().conversation_id(conversation_id)
        update.variable_id(number.id).request_body(new.value(number.typed_value + 1).build())
        updated = client.chatflow.v1.conversation.update_conversation_variable(update.build(), option)
        print(f"{updated.name}: {number.value} -> {updated.value}")
    except DifyError as e:
        sys.exit(f"updating the variable failed: {e}")
