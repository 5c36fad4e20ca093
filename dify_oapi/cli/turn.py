"""One turn of the chat: stream the answer to stdout, the run's progress and outcome to stderr."""

from __future__ import annotations

import json
import sys

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.events import (
    HumanInputRequiredEvent,
    MessageEvent,
    MessageReplaceEvent,
    NodeFinishedEvent,
    NodeStartedEvent,
    UnknownEvent,
)
from dify_oapi.api.chatflow.v1.model.human_input import HumanInputRequiredData
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.cli.progress import Progress


class Chat:
    def __init__(self, client: Client, option: RequestOption, user: str) -> None:
        self._client = client
        self._option = option
        self._user = user

    def ask(self, question: str, conversation_id: str | None) -> str:
        """Stream one answer; return the conversation id for the next turn.

        Leaving early for any reason (Ctrl-C, a closed pipe, an error) stops the run on Dify, so an
        abandoned answer spends no more tokens.
        """
        body = SendChatMessageRequestBody.builder().query(question).user(self._user)
        if conversation_id:
            body.conversation_id(conversation_id)
        request = SendChatMessageRequest.builder().request_body(body.build()).build()
        progress, answer = Progress(sys.stderr), _Answer()
        forms: list[HumanInputRequiredData] = []
        try:
            with self._client.chatflow.v1.chatflow.send_chat_message(
                request, self._option, True, stop_on_close=True
            ) as stream:
                for event in stream:
                    if not isinstance(event, UnknownEvent):  # every declared event names its conversation
                        conversation_id = event.conversation_id
                    if isinstance(event, MessageEvent | MessageReplaceEvent):
                        progress.stop()
                        answer.write(event.answer, replace=isinstance(event, MessageReplaceEvent))
                    elif isinstance(event, NodeStartedEvent | NodeFinishedEvent):
                        progress.node(
                            event.data.node_id,
                            event.data.title,
                            finished=isinstance(event, NodeFinishedEvent),
                        )
                    elif isinstance(event, HumanInputRequiredEvent):
                        forms.append(event.data)
                # A stop between two nodes arrives as status "failed"; the stream tells both apart.
                paused, stopped = stream.paused, stream.stopped
        finally:
            progress.stop()
            answer.end()
        if paused:
            _show_forms(forms, self._client.config.domain, self._user)
        if stopped:
            print("(the run was stopped on Dify before it finished)", file=sys.stderr)
        return conversation_id or ""


class _Answer:
    """The answer on stdout, as it arrives, always ending with a newline."""

    def __init__(self) -> None:
        self._last = "\n"

    def write(self, text: str, *, replace: bool) -> None:
        if replace:  # output moderation rewrote the answer: the new text starts on its own line
            self.end()
            print("(the app's output moderation replaced the answer above)", file=sys.stderr)
        if text:
            sys.stdout.write(text)
            sys.stdout.flush()
            self._last = text[-1]

    def end(self) -> None:
        if self._last != "\n":
            sys.stdout.write("\n")
            sys.stdout.flush()
            self._last = "\n"


def _show_forms(forms: list[HumanInputRequiredData], domain: str, user: str) -> None:
    """A paused run (Human Input node): what the form asks and how to answer it."""
    print("(the run is paused, waiting for human input)", file=sys.stderr)
    for form in forms:
        print(f"[{form.node_title or 'Human input'}]")
        if form.form_content:
            print(form.form_content)
        actions = [f"{a.id} ({a.title})" for a in form.actions]
        fields = [i.output_variable_name for i in form.inputs]
        print(f"actions: {', '.join(actions) or '-'}; fields: {', '.join(fields) or '-'}")
        if not form.form_token:
            print(
                "answer it in the Dify web app (this form has no token for the Service API)", file=sys.stderr
            )
            continue
        answer = {"user": user, "action": "<action id>", "inputs": dict.fromkeys(fields, "...")}
        print(
            f"answer it: POST {domain}/v1/form/human_input/{form.form_token} "
            f"{json.dumps(answer, ensure_ascii=False)}",
            file=sys.stderr,
        )
