"""Where every example sends its requests: the app at DOMAIN, or the simulator bundled with dify_oapi.

With DOMAIN set, CHATFLOW_KEY is the API key of a chatflow (advanced-chat) app there. Without
DOMAIN the script starts the bundled simulator on a loopback port and says so on stderr, so it
runs without a Dify at hand. A DOMAIN or key the client cannot use ends the script with one line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Generator

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.testing.simulator import Simulator


@contextlib.contextmanager
def connect(
    *, chunk_delay: float = 0.0, human_input: str | None = None
) -> Generator[tuple[Client, RequestOption], None, None]:
    """A client and the option carrying the key; ``chunk_delay`` paces the simulator's answers, and
    ``human_input`` makes its chatflow pause at a Human Input node showing that form (the app at
    DOMAIN pauses only if its chatflow has such a node)."""
    domain, key = os.environ.get("DOMAIN", ""), os.environ.get("CHATFLOW_KEY", "")
    with contextlib.ExitStack() as stack:
        if not domain:
            simulator = stack.enter_context(Simulator(chunk_delay=chunk_delay, human_input=human_input))
            domain, key = simulator.url, simulator.api_key
            print(f"DOMAIN is not set: using the bundled simulator at {domain}", file=sys.stderr)
        elif not key:
            sys.exit("CHATFLOW_KEY is not set: export the API key of the chatflow app at DOMAIN")
        try:
            client = stack.enter_context(Client.builder().domain(domain).build())
            option = RequestOption.builder().api_key(key).build()
        except DifyError as e:
            sys.exit(f"DOMAIN or CHATFLOW_KEY cannot be used: {e}")
        yield client, option


def start_conversation(client: Client, option: RequestOption, query: str) -> str:
    """Ask ``query`` as example-user (blocking) and return the new conversation's id: the scripts about
    one conversation need one to work on."""
    body = SendChatMessageRequestBody.builder().query(query).user("example-user").build()
    chat = SendChatMessageRequest.builder().request_body(body).build()
    return client.chatflow.v1.chatflow.send_chat_message(chat, option).conversation_id
