"""The main job's command line as a user meets it: on a pseudo-terminal, in a pipe, and on odd runs."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import subprocess
import sys
import termios
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dify_oapi._version import __version__
from dify_oapi.testing.simulator import Fault, Simulator
from dify_oapi.testing.sse import PING, encode_event

CLI = [sys.executable, "-m", "dify_oapi", "chat"]


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    # Paced so that Ctrl-C and a closed pipe land while the answer is still streaming.
    with Simulator(chunk_delay=0.1) as sim:
        yield sim


def _stops(sim: Simulator) -> int:
    return sum(1 for r in sim.requests if r.method == "POST" and r.path.endswith("/stop"))


def _env(sim: Simulator, home: Path) -> dict[str, str]:
    return {**os.environ, "DOMAIN": sim.url, "CHATFLOW_KEY": sim.api_key, "HOME": str(home), "TERM": "xterm"}


class Terminal:
    """A child process on a pseudo-terminal that is its controlling terminal, so ^C raises SIGINT."""

    def __init__(self, env: dict[str, str]) -> None:
        self.master, slave = os.openpty()

        def own_terminal() -> None:  # runs in the child after setsid (start_new_session)
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            CLI,
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            preexec_fn=own_terminal,
        )
        os.close(slave)
        self.screen = ""
        self.seen = 0

    def expect(self, pattern: str, deadline: float = 30.0) -> str:
        """Read until ``pattern`` appears after the previous match; return the text up to its end."""
        while (found := re.search(pattern, self.screen[self.seen :])) is None:
            ready, _, _ = select.select([self.master], [], [], deadline)
            if not ready:
                raise AssertionError(f"{pattern!r} not seen; screen so far:\n{self.screen}")
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise AssertionError(f"{pattern!r} not seen before exit; screen:\n{self.screen}")
            self.screen += chunk.decode("utf-8", "replace")
        text, self.seen = self.screen[self.seen : self.seen + found.end()], self.seen + found.end()
        return text

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        code = self.process.wait(timeout=30)
        os.close(self.master)
        return code


def test_a_repl_session_on_a_terminal(simulator: Simulator, tmp_path: Path) -> None:
    term = Terminal(_env(simulator, tmp_path))
    try:
        term.expect("you> ")
        term.type("helo\x1b[Dl\n")  # a typo fixed with the left arrow: readline line editing
        turn = term.expect("you> ")
        assert "(simulated) Turn 1: you asked “hello” 🤖" in turn
        # While the first token is awaited, stderr (a terminal) shows the nodes, then clears the line.
        assert re.search(r"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 开始 ✓ LLM…\r\x1b\[K\(simulated\) Turn 1", turn), repr(turn)
        conversation_id = re.search(r"conversation_id: ([0-9a-f-]{36})", turn)
        assert conversation_id is not None

        term.type("\n   \n")  # empty lines are ignored: no request, the prompt comes back
        term.expect("you> ")
        term.expect("you> ")
        simulator.inject("POST", "/v1/chat-messages", Fault.run_failed("LLM quota exceeded"))
        term.type("this one fails\n")
        failed = term.expect("you> ")
        assert re.search(r"error: \w+Error: .*LLM quota exceeded", failed), failed
        assert failed.count("error:") == 1 and "Traceback" not in failed

        simulator.script("A long answer, streamed slowly enough to be cut. " * 20)
        term.type("\x1b[A\x1b[A\x1b[A\n")  # up arrow, three times: history brings back "hello"
        term.expect("A long answer")
        term.type("\x03")  # Ctrl-C while the answer streams: this turn is cancelled, the REPL goes on
        cancelled = term.expect("you> ")
        assert "(cancelled: the run was stopped on Dify)" in cancelled and "Traceback" not in cancelled
        assert _stops(simulator) == 1

        term.type("\x04")  # Ctrl-D leaves
        assert term.close() == 0
    finally:
        if term.process.poll() is None:
            term.process.kill()
    chats = [r for r in simulator.requests if r.path == "/v1/chat-messages"]
    assert len(chats) == 3 and chats[-1].json["query"] == "hello"
    assert {r.json["conversation_id"] for r in simulator.requests[1:] if r.path == "/v1/chat-messages"} == {
        conversation_id.group(1)
    }
    assert "hello" in (tmp_path / ".dify_oapi_history").read_text()


def test_ctrl_c_at_the_prompt_leaves(simulator: Simulator, tmp_path: Path) -> None:
    term = Terminal(_env(simulator, tmp_path))
    term.expect("you> ")
    # "you> " is drawn a moment before readline waits for keys; a ^C in between is noticed only at
    # the next key (a CPython readline race), so it is typed again until the REPL leaves.
    for _ in range(20):
        term.type("\x03")
        with contextlib.suppress(subprocess.TimeoutExpired):
            term.process.wait(timeout=0.5)
            break
    assert term.close() == 130
    assert "Traceback" not in term.screen


def _run(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        CLI + args, env=env, capture_output=True, text=True, timeout=60, check=False, **kwargs
    )


def test_piped_output_has_no_progress_and_ends_with_a_newline(simulator: Simulator, tmp_path: Path) -> None:
    done = _run(["What is Dify?"], _env(simulator, tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "(simulated) Turn 1: you asked “What is Dify?” 🤖\n"
    assert "\r" not in done.stderr and "LLM" not in done.stderr


def test_output_piped_into_head_ends_quietly_and_stops_the_run(simulator: Simulator, tmp_path: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m dify_oapi chat 'What is Dify?' | head -c 3",
        shell=True,
        env=_env(simulator, tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout == "(si"
    assert done.stderr == "", done.stderr
    assert _stops(simulator) == 1


def _frame(name: str, **fields: Any) -> bytes:
    common = {
        "conversation_id": CONVERSATION,
        "message_id": MESSAGE,
        "id": MESSAGE,
        "created_at": 1,
        "task_id": TASK,
    }
    return encode_event({"event": name, **common, **fields})


CONVERSATION, MESSAGE, TASK, RUN = (str(uuid.uuid4()) for _ in range(4))


def test_a_paused_run_shows_the_form_and_how_to_answer_it(simulator: Simulator, tmp_path: Path) -> None:
    form = {
        "form_id": "f-1",
        "node_id": "1750000000001",
        "node_title": "Approval",
        "form_content": "Refund 42 EUR to order #1234?",
        "inputs": [{"type": "paragraph", "output_variable_name": "comment", "default": None}],
        "actions": [
            {"id": "approve", "title": "Approve", "button_style": "primary"},
            {"id": "reject", "title": "Reject", "button_style": "default"},
        ],
        "display_in_ui": True,
        "form_token": "tok-123",
        "resolved_default_values": {},
        "expiration_time": 1,
    }
    paused: dict[str, Any] = {"workflow_run_id": RUN, "paused_nodes": ["1750000000001"], "outputs": {}}
    paused |= {"reasons": [], "created_at": 1, "elapsed_time": 0.5, "total_tokens": 0, "total_steps": 2}
    chunks = [
        PING,
        _frame("human_input_required", workflow_run_id=RUN, data=form),
        _frame("workflow_paused", workflow_run_id=RUN, data=paused | {"status": "paused"}),
    ]
    simulator.inject("POST", "/v1/chat-messages", Fault.stream(chunks, then="end"))
    done = _run(["Refund my order"], _env(simulator, tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "[Approval]\nRefund 42 EUR to order #1234?\nactions: approve (Approve), reject (Reject); fields: comment\n"
    )
    assert "(the run is paused, waiting for human input)" in done.stderr
    assert f"answer it: POST {simulator.url}/v1/form/human_input/tok-123 " in done.stderr
    assert f"conversation_id: {CONVERSATION}" in done.stderr


def test_a_run_stopped_on_dify_says_so(simulator: Simulator, tmp_path: Path) -> None:
    finished: dict[str, Any] = {
        "id": RUN,
        "workflow_id": "w",
        "status": "stopped",
        "error": "Stopped by user.",
    }
    finished |= {"elapsed_time": 1.0, "total_tokens": 0, "total_steps": 2, "created_at": 1}
    chunks = [
        PING,
        _frame("message", answer="Partial"),
        _frame("workflow_finished", workflow_run_id=RUN, data=finished),
        _frame("message_end", metadata={}),
    ]
    simulator.inject("POST", "/v1/chat-messages", Fault.stream(chunks, then="end"))
    done = _run(["Long question"], _env(simulator, tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Partial\n"
    assert "(the run was stopped on Dify before it finished)" in done.stderr


def test_help_names_the_environment_in_plain_text() -> None:
    done = subprocess.run([*CLI, "--help"], capture_output=True, text=True, timeout=60, check=True)
    assert "DOMAIN" in done.stdout and "CHATFLOW_KEY" in done.stdout
    assert "``" not in done.stdout and "**" not in done.stdout
    version = subprocess.run(
        [sys.executable, "-m", "dify_oapi", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert version.stdout == f"dify_oapi {__version__}\n"


def test_a_connection_error_names_the_host(tmp_path: Path) -> None:
    env = {**os.environ, "DOMAIN": "http://127.0.0.1:9", "CHATFLOW_KEY": "app-x", "HOME": str(tmp_path)}
    done = _run(["hello"], env)
    assert done.returncode == 1
    assert done.stderr.startswith("error: cannot reach http://127.0.0.1:9: APIConnectionError: ")
    assert done.stderr.count("\n") == 1
