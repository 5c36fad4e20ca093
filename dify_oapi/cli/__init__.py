"""``python -m dify_oapi chat``: a streamed chatflow answer in the terminal, or a REPL.

The answer goes to stdout as it arrives, everything else (progress, notes, errors) to stderr, so the
answer can be piped.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from dify_oapi import (
    APIConnectionError,
    Client,
    DifyError,
    FirstEventTimeoutError,
    RequestOption,
    StreamIdleTimeoutError,
)
from dify_oapi._version import __version__
from dify_oapi.cli.turn import Chat

__all__ = ["main"]

_ENVIRONMENT = """\
environment:
  DOMAIN        your Dify API base URL, e.g. https://api.dify.ai/v1 or http://your-host/v1;
                unset: the bundled Dify simulator answers (and says so on stderr)
  CHATFLOW_KEY  the chatflow app's API key (app-...); required when DOMAIN is set

examples:
  python -m dify_oapi chat "What is Dify?"
  echo "What is Dify?" | python -m dify_oapi chat
  python -m dify_oapi chat                  (on a terminal: a REPL that keeps the conversation)
"""
_HISTORY = "~/.dify_oapi_history"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dify_oapi",
        description="Ask a Dify chatflow app and stream its answer.",
        epilog=_ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dify_oapi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chat = commands.add_parser(
        "chat",
        help="ask a chatflow app; with no question on a terminal, start a REPL",
        description="Ask a chatflow app. With no question on a terminal, start a REPL.",
        epilog=_ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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


@contextlib.contextmanager
def _line_editing() -> Iterator[None]:
    """Arrow keys and a history kept across runs, where the platform has readline."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        yield
        return
    history = os.path.expanduser(_HISTORY)
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(1000)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            readline.write_history_file(history)


def _repl(chat: Chat, conversation_id: str | None) -> int:
    print(
        "Chat with your chatflow app. Ctrl-C stops an answer; Ctrl-D, or Ctrl-C at the prompt, leaves.",
        file=sys.stderr,
    )
    with _line_editing():
        while True:
            try:
                question = input("you> ").strip()
            except (EOFError, KeyboardInterrupt) as exc:
                print(file=sys.stderr)
                return 130 if isinstance(exc, KeyboardInterrupt) else 0
            if not question:
                continue
            try:
                shown, conversation_id = conversation_id, chat.ask(question, conversation_id)
            except KeyboardInterrupt:
                print("(cancelled: the run was stopped on Dify)", file=sys.stderr)
                continue
            except DifyError as exc:
                _report(exc)
                continue
            if conversation_id != shown:
                print(f"conversation_id: {conversation_id}", file=sys.stderr)


def _report(exc: DifyError) -> None:
    where = (
        f"cannot reach {os.environ.get('DOMAIN') or 'the simulator'}: "
        # A stream that answered but then sent only pings was reached: its message says what happened.
        if isinstance(exc, APIConnectionError)
        and not isinstance(exc, FirstEventTimeoutError | StreamIdleTimeoutError)
        else ""
    )
    print(f"error: {where}{type(exc).__name__}: {exc}", file=sys.stderr)


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
            chat = Chat(client, option, args.user)
            if not question:
                return _repl(chat, args.conversation_id)
            print(f"conversation_id: {chat.ask(question, args.conversation_id)}", file=sys.stderr)
    except DifyError as exc:
        _report(exc)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) left: the run was stopped on leaving the stream; end quietly, and
        # point stdout at /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return 0
