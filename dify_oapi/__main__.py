"""``python -m dify_oapi chat "question"``: a streamed chatflow answer in the terminal.

Uses ``DOMAIN`` and ``CHATFLOW_KEY`` when set; with no ``DOMAIN`` it starts the bundled simulator
and says so. The answer goes to stdout as it arrives, everything else to stderr, so the answer
can be piped.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.events import MessageEndEvent, MessageEvent, MessageReplaceEvent
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m dify_oapi", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    chat = commands.add_parser("chat", help="ask a chatflow app; no question on a terminal starts a REPL")
    chat.add_argument("question", nargs="?", help="the question; read from stdin when piped")
    chat.add_argument("--conversation-id", help="continue this conversation")
    chat.add_argument("--user", default="dify-oapi-cli", help="Dify end-user id (default: %(default)s)")
    return parser.parse_args(argv)


@contextlib.contextmanager
def _connection() -> Iterator[tuple[Client, RequestOption]]:
    domain = os.environ.get("DOMAIN")
    if domain:
        key = os.environ.get("CHATFLOW_KEY")
        if not key:
            raise DifyError("CHATFLOW_KEY is not set (DOMAIN is); export your chatflow app's API key")
        with Client.builder().domain(domain).build() as client:
            yield client, RequestOption.builder().api_key(key).build()
        return
    from dify_oapi.testing.simulator import Simulator  # only needed without a real server

    # A short delay per chunk makes the simulated answer arrive the way a real one does.
    with Simulator(chunk_delay=0.03) as sim, Client.builder().domain(sim.url).build() as client:
        print(f"DOMAIN is not set: answering from the bundled Dify simulator at {sim.url}", file=sys.stderr)
        yield client, RequestOption.builder().api_key(sim.api_key).build()


def _ask(client: Client, option: RequestOption, question: str, user: str, conversation_id: str | None) -> str:
    """Stream one answer to stdout; return the conversation id for the next turn."""
    body = SendChatMessageRequestBody.builder().query(question).user(user)
    if conversation_id:
        body.conversation_id(conversation_id)
    request = SendChatMessageRequest.builder().request_body(body.build()).build()
    with client.chatflow.v1.chatflow.send_chat_message(request, option, True) as stream:
        for event in stream:
            if isinstance(event, MessageEvent):
                sys.stdout.write(event.answer)
                sys.stdout.flush()
            elif isinstance(event, MessageReplaceEvent):  # output moderation rewrote the answer
                sys.stdout.write("\n" + event.answer)
                print("(the app's output moderation replaced the answer above)", file=sys.stderr)
            elif isinstance(event, MessageEndEvent):
                conversation_id = event.conversation_id
    sys.stdout.write("\n")
    return conversation_id or ""


def _repl(client: Client, option: RequestOption, user: str, conversation_id: str | None) -> None:
    print("Chat with your chatflow app; an empty line or Ctrl-D ends.", file=sys.stderr)
    while True:
        try:
            question = input("you> ").strip()
        except EOFError:
            return
        if not question:
            return
        conversation_id = _ask(client, option, question, user, conversation_id)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    question = args.question
    if question is None and not sys.stdin.isatty():
        question = sys.stdin.read().strip()
        if not question:
            print("error: no question given (stdin was empty)", file=sys.stderr)
            return 2
    try:
        with _connection() as (client, option):
            if question:
                conversation_id = _ask(client, option, question, args.user, args.conversation_id)
                print(f"conversation_id: {conversation_id}", file=sys.stderr)
            else:
                _repl(client, option, args.user, args.conversation_id)
    except DifyError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
