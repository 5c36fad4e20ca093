"""Show the form a paused run waits on: GET /v1/form/human_input/{form_token}.

The token comes from the run's ``human_input_required`` event. An app whose chatflow has no Human
Input node never pauses; the script then ends with "the run did not pause for human input".
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.events import HumanInputRequiredEvent
from dify_oapi.api.chatflow.v1.model.get_human_input_form_request import GetHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect(human_input="Refund 42 EUR to order #1234?") as (client, option):
    body = SendChatMessageRequestBody.builder().query("Refund order #1234").user("example-user").build()
    chat = SendChatMessageRequest.builder().request_body(body).build()
    try:
        with client.chatflow.v1.chatflow.send_chat_message(chat, option, True) as stream:
            tokens = [e.data.form_token for e in stream if isinstance(e, HumanInputRequiredEvent)]
        if not stream.paused or not tokens or tokens[0] is None:
            sys.exit(
                "the run did not pause for human input: the app has no Human Input node for the Service API"
            )
        request = GetHumanInputFormRequest.builder().form_token(tokens[0]).build()
        form = client.chatflow.v1.human_input.get_human_input_form(request, option)
    except DifyError as e:
        sys.exit(f"reading the form failed: {e}")
    print(f"form: {form.form_content}")
    print(f"fields: {', '.join(f'{i.output_variable_name} ({i.type})' for i in form.inputs) or '-'}")
    print(f"actions: {', '.join(f'{a.id} ({a.title})' for a in form.user_actions)}")
    print(f"expires at {form.expiration_time}")
