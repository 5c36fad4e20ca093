"""Every example script runs as a user would start it: without DOMAIN on the bundled simulator,
printing what it promises; with a DOMAIN or key that cannot work, ending with one line, never a traceback.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from dify_oapi.testing.simulator import Simulator
from tests.product.example_scripts import (
    SCRIPTS,
    example_env,
    one_line_failure,
    run_example,
    run_examples_at_once,
)

# One meaningful line per script: what a user running it against a real app would look for.
EXPECTED_OUTPUT = {
    "chatflow/chatflow/send_chat_message.py": r"(?m)^conversation_id: [0-9a-f-]{36}$",
    "chatflow/chatflow/stop_chat_message.py": (
        r"stop task [0-9a-f-]{36}: success\nrun ended: stopped \(Stopped by user\.\)"
    ),
    "chatflow/chatflow/get_suggested_questions.py": r"(?m)^suggested: .+\?$",
    "chatflow/conversation/get_conversations.py": (
        r"first page: 2 conversations, has_more=True\n"  # the iterator then follows last_id past page 1
        r"conversation [0-9a-f-]{36}: 'How do I deploy it\?'.*\n"
        r"conversation [0-9a-f-]{36}: 'What is a chatflow\?'.*\n"
        r"conversation [0-9a-f-]{36}: 'What is Dify\?'.*\n$"  # the three newest, not every page
    ),
    "chatflow/conversation/get_conversation_messages.py": (
        r"[0-9a-f-]{36} \[normal\] And what is a chatflow\? -> \(simulated\) Turn 2.*\n"
        r"[0-9a-f-]{36} \[normal\] What is Dify\? -> \(simulated\) Turn 1"
    ),
    "chatflow/conversation/delete_conversation.py": (
        r"deleted conversation [0-9a-f-]{36}\nhistory afterwards: 404 Conversation Not Exists\."
    ),
    "chatflow/conversation/rename_conversation.py": (
        r"renamed ([0-9a-f-]{36}): 'Kyoto trip'\nauto-named \1: 'Plan a trip to Kyoto'"
    ),
    "chatflow/conversation/get_conversation_variables.py": (
        r"turns: number = 3\nvip: boolean = True\nprofile: object = \{'lang': 'zh', 'vip': True\}\n"
        r"tags: array\[string\] = \['a', 'b'\]"
    ),
    "chatflow/conversation/update_conversation_variable.py": (
        r"rejected before sending: .*value_type 'number'\nturns: 3 -> 4\n"
    ),
    "chatflow/annotation/get_annotations.py": (
        r"2 annotations match 'SSO'\n"
        r"annotation [0-9a-f-]{36}: 'Can I self-host\?' -> 'Yes, with SSO\.'\n"
        r"annotation [0-9a-f-]{36}: 'Which plans include SSO\?' -> 'Team and Enterprise\.'"
    ),
    "chatflow/annotation/create_annotation.py": (
        r"created annotation [0-9a-f-]{36}: 'How do I reset my password\?' -> 'Open Settings > Account"
    ),
    "chatflow/annotation/update_annotation.py": (
        r"updated annotation [0-9a-f-]{36}: '9:00-17:00, Monday to Friday' -> '24/7, every day'"
    ),
    "chatflow/annotation/delete_annotation.py": (
        r"deleted annotation [0-9a-f-]{36}\ndeleting it again: 404 Annotation not found"
    ),
    "chatflow/annotation/annotation_reply_settings.py": r"enable job [0-9a-f-]{36}: (waiting|processing)",
    "chatflow/annotation/annotation_reply_status.py": (
        r"(?m)^enable job ([0-9a-f-]{36}): (waiting|processing)\n(enable job \1: \w+\n)*enable job \1: completed\n"
        r"disable job ([0-9a-f-]{36}): (waiting|processing)\n(disable job \4: \w+\n)*disable job \4: completed\n$"
    ),
    "chatflow/app/get_info.py": r"app: simulated-chatflow \(advanced-chat\) by admin\ntags: none\n$",
    "chatflow/app/get_parameters.py": (
        r"input name: text-input, required=False, max_length=48\n"
        r"features on: suggested_questions_after_answer\nupload limit: 15 MB a file\n$"
    ),
    "chatflow/app/get_meta.py": r"^0 tool icons\n$",
    "chatflow/app/get_site.py": r"site: simulated-chatflow 🤖, language en-US\nshows workflow steps: True\n$",
    "chatflow/feedback/submit_feedback.py": r"liked [0-9a-f-]{36}: success\nwithdrew it: success\n$",
    "chatflow/feedback/get_feedbacks.py": (
        r"first page: 1 feedbacks\nfound dislike 'Too vague\.' from user, given \d{4}-\d\d-\d\d\n$"
    ),
    "chatflow/file/upload_file.py": (
        r"uploaded meeting-notes\.txt: 28 bytes, text/plain, id [0-9a-f-]{36}\nanswer: .+Summarise the notes"
    ),
    "chatflow/file/preview_file.py": r"visits\.csv: 20 bytes, application/octet-stream\ncity,visits\nParis,3\n$",
    "chatflow/human_input/get_human_input_form.py": (
        r"form: Refund 42 EUR to order #1234\?\nfields: comment \(paragraph\)\n"
        r"actions: approve \(Approve\), reject \(Reject\)\nexpires at \d{10}\n$"
    ),
    "chatflow/human_input/submit_human_input_form.py": (
        r"answered '.+' with approve; the run resumes\nanswering again: 412 human_input_form_submitted\n$"
    ),
    "chatflow/workflow/get_workflow_events.py": (
        r"run [0-9a-f-]{36}: completed\nreattached: completed, answer '\(simulated\) Turn 1: .+'"
    ),
    "chatflow/audio/audio_to_text.py": r"heard: \(simulated transcript\)\n$",
    "chatflow/audio/text_to_audio.py": r"52 bytes of audio/mpeg, starting b'ID3'\n$",
}


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator() as sim:
        yield sim


@pytest.fixture(scope="module")
def closed_port() -> int:
    with socket.socket() as probe:  # bound, never listening: a connection there is refused
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_every_example_has_an_expected_output() -> None:
    assert sorted(EXPECTED_OUTPUT) == SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_without_domain_runs_on_the_bundled_simulator_and_says_so(script: str) -> None:
    done = run_example(script, example_env(DOMAIN=None, CHATFLOW_KEY=None))
    assert done.returncode == 0, done.stderr
    assert re.search(EXPECTED_OUTPUT[script], done.stdout), done.stdout
    assert re.fullmatch(
        r"DOMAIN is not set: using the bundled simulator at http://127\.0\.0\.1:\d+\n", done.stderr
    )


# The error handling sits around each script's first request, so one way of failing there is run for
# every script (a refused connection, side by side as they mostly wait on retries); the others, once.
@pytest.fixture(scope="module")
def with_no_server(closed_port: int) -> dict[str, subprocess.CompletedProcess[str]]:
    return run_examples_at_once(example_env(DOMAIN=f"http://127.0.0.1:{closed_port}", CHATFLOW_KEY="app-x"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_with_an_unreachable_domain_ends_with_one_line(
    script: str, with_no_server: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    done = with_no_server[script]
    assert one_line_failure(done), done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    "script", ["chatflow/chatflow/send_chat_message.py", "chatflow/annotation/get_annotations.py"]
)
def test_example_with_a_wrong_key_ends_with_one_line(script: str, simulator: Simulator) -> None:
    done = run_example(script, example_env(DOMAIN=simulator.url, CHATFLOW_KEY="app-not-the-key"))
    assert one_line_failure(done), done.stderr
    assert "401 unauthorized: Access token is invalid" in done.stderr
    assert "app-not-the-key" not in done.stderr + done.stdout


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"DOMAIN": "http://127.0.0.1:9", "CHATFLOW_KEY": None}, "CHATFLOW_KEY is not set"),
        ({"DOMAIN": "127.0.0.1:5001", "CHATFLOW_KEY": "app-x"}, "must start with http:// or https://"),
    ],
)
def test_example_says_in_one_line_which_setting_is_wrong(settings: dict[str, str | None], says: str) -> None:
    done = run_example("chatflow/chatflow/send_chat_message.py", example_env(**settings))
    assert one_line_failure(done) and says in done.stderr, done.stderr


CHAT = [sys.executable, "-m", "dify_oapi", "chat"]


def chat_hello(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CHAT, "hello"], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_main_job_falls_back_to_the_simulator_and_says_so() -> None:
    done = chat_hello(example_env(DOMAIN=None, CHATFLOW_KEY=None))
    assert done.returncode == 0, done.stderr
    assert "you asked “hello”" in done.stdout and "simulator" in done.stderr
    assert re.search(r"conversation_id: [0-9a-f-]{36}", done.stderr)


def test_main_job_reports_a_dify_error_in_one_line() -> None:
    done = chat_hello(example_env(DOMAIN="http://127.0.0.1:9", CHATFLOW_KEY="app-x"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "APIConnectionError" in done.stderr


def test_main_job_on_a_terminal_is_a_repl_that_keeps_the_conversation() -> None:
    env = example_env(DOMAIN=None, CHATFLOW_KEY=None)
    terminal, stdin = os.openpty()  # stdin must be a TTY for the REPL to start
    with subprocess.Popen(CHAT, env=env, stdin=stdin, stdout=subprocess.PIPE, text=True) as repl:
        os.write(terminal, b"hello\nand again\n\n\x04")  # an empty line is ignored; Ctrl-D leaves
        out, _ = repl.communicate(timeout=60)
    os.close(terminal)
    os.close(stdin)
    assert repl.returncode == 0
    assert "Turn 1: you asked “hello”" in out and "Turn 2: you asked “and again”" in out
