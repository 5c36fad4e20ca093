"""Answer the form a paused run waits on, so the run resumes: POST /v1/form/human_input/{form_token}.

A form takes one answer: a second one is refused with 412 (``HumanInputFormClosedError``). An app
whose chatflow has no Human Input node never pauses; the script then ends with "the run did not
pause for human input".
"""

import sys
from pathlib import Path

from dify_oapi import DifyError, HumanInputFormClosedError
from dify_oapi.api.chatflow.v1.model.events import HumanInputRequiredEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request import SubmitHumanInputFormRequest
from dify_oapi.api.chatflow.v1.model.submit_human_input_form_request_body import (
    SubmitHumanInputFormRequestBody,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect(human_input="Refund 42 EUR to order #1234?") as (client, option):
    body = SendChatMessageRequestBody.builder().query("Refund order #1234").user("example-user").build()
    chat = SendChatMessageRequest.builder().request_body(body).build()
    try:
        with client.chatflow.v1.chatflow.send_chat_message(chat, option, True) as stream:
            forms = [e.data for e in stream if isinstance(e, HumanInputRequiredEvent)]
        if not stream.paused or not forms or forms[0].form_token is None:
            sys.exit(
                "the run did not pause for human input: the app has no Human Input node for the Service API"
            )
        form, token = forms[0], forms[0].form_token
        # Every field of the form needs a value, and the action must be one of its buttons.
        answer = SubmitHumanInputFormRequestBody.builder().inputs(
            {field.output_variable_name: "approved by the example" for field in form.inputs}
        )
        answer.action(form.actions[0].id).user("example-user")
        request = SubmitHumanInputFormRequest.builder().form_token(token).request_body(answer.build()).build()
        client.chatflow.v1.human_input.submit_human_input_form(request, option)
        print(f"answered {form.node_title!r} with {form.actions[0].id}; the run resumes")
        try:
            client.chatflow.v1.human_input.submit_human_input_form(request, option)
        except HumanInputFormClosedError as e:
            print(f"answering again: {e.status_code} {e.code}")
    except DifyError as e:
        sys.exit(f"answering the form failed: {e}")
