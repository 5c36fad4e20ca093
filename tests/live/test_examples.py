"""Every example script, run as a user would against the real Dify's apps: it exits 0 with what it
promises to print, or with the one line its docstring promises where the app cannot do more
(the echo app has no model, so suggested questions answer 500).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

import pytest

from dify_oapi import Client, RequestOption
from dify_oapi.api.chatflow.v1.model.get_annotations_request import GetAnnotationsRequest
from tests.live.conftest import RealDify
from tests.product.example_scripts import SCRIPTS, example_env, one_line_failure, run_example

UUID = "[0-9a-f-]{36}"
NO_HUMAN_INPUT = (
    r"the run did not pause for human input: the app has no Human Input node for the Service API\n"
)


@dataclass(frozen=True)
class Outcome:
    status: int
    stdout: str  # the whole of stdout, as a regular expression
    stderr: str = ""  # the whole of stderr: one promised line when status is 1


def job_lines(action: str, group: int, end: str = "completed") -> str:
    """A job's first state, its polled states while it runs, and its final one, if any."""
    running = rf"{action} job \{group}: (?:waiting|processing)\n"
    return rf"{action} job ({UUID}): (?:waiting|processing)\n(?:{running})*" + (
        rf"{action} job \{group}: {end}\n" if end else ""
    )


OUTCOMES: dict[str, list[Outcome]] = {
    "chatflow/chatflow/send_chat_message.py": [
        Outcome(
            0,
            rf"You said: What is Dify\? \(turn 1\)\nconversation_id: ({UUID})\n"
            r"You said: And what is a chatflow\? \(turn 2\)\nconversation_id: \1\n",
        )
    ],
    # Run on the slow app, so the stop lands while the run waits on its HTTP node; between two nodes
    # Dify reports the same stop as a failure.
    "chatflow/chatflow/stop_chat_message.py": [
        Outcome(
            0,
            rf"stop task {UUID}: success\n"
            r"run ended: (?:stopped \(Stopped by user\.\)|failed \(Aborted: User requested stop\))\n",
        )
    ],
    "chatflow/chatflow/get_suggested_questions.py": [
        Outcome(
            1,
            r"answer: You said: What is Dify\? \(turn 1\)\n",
            r"suggested questions failed: 500 internal_server_error: The server encountered an internal error[^\n]*\n",
        )
    ],
    "chatflow/conversation/get_conversations.py": [
        # Three at most, though the user has more: islice stops the pager. Dify orders ties within a
        # second either way, so which three is not fixed.
        Outcome(
            0,
            rf"first page: 2 conversations, has_more=True\n(?:conversation {UUID}: '[^']*', updated_at=\d+\n){{3}}",
        )
    ],
    "chatflow/conversation/get_conversation_messages.py": [
        Outcome(
            0,
            rf"{UUID} \[normal\] And what is a chatflow\? -> You said: And what is a chatflow\? \(turn 2\)\n"
            rf"{UUID} \[normal\] What is Dify\? -> You said: What is Dify\? \(turn 1\)\n",
        )
    ],
    "chatflow/conversation/delete_conversation.py": [
        Outcome(0, rf"deleted conversation {UUID}\nhistory afterwards: 404 Conversation Not Exists\.[^\n]*\n")
    ],
    # Without a model, auto-naming leaves the name as it was.
    "chatflow/conversation/rename_conversation.py": [
        Outcome(0, rf"renamed ({UUID}): 'Kyoto trip'\nauto-named \1: 'Kyoto trip'\n")
    ],
    # Both variables are created in the same second, and Dify orders them by that second alone.
    "chatflow/conversation/get_conversation_variables.py": [
        Outcome(0, r"count: number = 1\nlast_query: string = 'Remember my settings'\n"),
        Outcome(0, r"last_query: string = 'Remember my settings'\ncount: number = 1\n"),
    ],
    "chatflow/conversation/update_conversation_variable.py": [
        Outcome(0, r"rejected before sending: [^\n]*value_type 'number'\ncount: 1 -> 2\n")
    ],
    "chatflow/annotation/get_annotations.py": [
        Outcome(
            0,
            r"2 annotations match 'SSO'\n"
            rf"(?:annotation {UUID}: '(?:Which plans include SSO\?|Can I self-host\?)' -> '[^']*'\n){{2}}",
        )
    ],
    "chatflow/annotation/create_annotation.py": [
        Outcome(
            0,
            rf"created annotation {UUID}: 'How do I reset my password\?' -> "
            r"'Open Settings > Account and choose Reset password\.'\n",
        )
    ],
    "chatflow/annotation/update_annotation.py": [
        Outcome(0, rf"updated annotation {UUID}: '9:00-17:00, Monday to Friday' -> '24/7, every day'\n")
    ],
    "chatflow/annotation/delete_annotation.py": [
        Outcome(0, rf"deleted annotation ({UUID})\ndeleting it again: 404 Annotation not found\n")
    ],
    "chatflow/annotation/annotation_reply_settings.py": [
        Outcome(0, rf"enable job {UUID}: (?:waiting|processing)\n")
    ],
    # The echo app is shared: while another test holds an annotation there, enabling needs the
    # embedding model this server lacks, and the job ends in the promised error.
    "chatflow/annotation/annotation_reply_status.py": [
        Outcome(0, job_lines("enable", 1) + job_lines("disable", 2)),
        Outcome(
            1,
            job_lines("enable", 1, end=""),
            rf"enable job {UUID}: error: Provider openai does not exist\.\n",
        ),
    ],  # The echo app's file upload is off: Dify takes the chat and drops the file, so there is nothing
    # in a message for the preview to serve.
    "chatflow/file/upload_file.py": [
        Outcome(
            0,
            rf"uploaded meeting-notes\.txt: 28 bytes, text/plain, id {UUID}\nanswer: You said: Summarise the notes \(turn 1\)\n",
        )
    ],
    "chatflow/file/preview_file.py": [
        Outcome(
            1,
            "",
            rf"previewing the file failed: 404 file_not_found: File not found in message context \(GET /v1/files/{UUID}/preview\)\n",
        )
    ],
    "chatflow/app/get_info.py": [
        Outcome(0, r"app: realdify-echo-chatflow \(advanced-chat\) by admin\ntags: none\n")
    ],
    "chatflow/app/get_parameters.py": [
        Outcome(
            0,
            r"input name: text-input, required=False, max_length=48\n"
            r"features on: suggested_questions_after_answer\nupload limit: 15 MB a file\n",
        )
    ],
    "chatflow/app/get_meta.py": [Outcome(0, r"0 tool icons\n")],
    "chatflow/app/get_site.py": [
        Outcome(0, r"site: realdify-echo-chatflow 🤖, language en-US\nshows workflow steps: True\n")
    ],
    "chatflow/feedback/submit_feedback.py": [Outcome(0, rf"liked {UUID}: success\nwithdrew it: success\n")],
    # The app's feedbacks are every test's: the first page holds 1 to 5 of them.
    "chatflow/feedback/get_feedbacks.py": [
        Outcome(
            0, r"first page: [1-5] feedbacks\nfound dislike 'Too vague\.' from user, given \d{4}-\d\d-\d\d\n"
        )
    ],
    # The echo app's chatflow has no Human Input node: its runs answer and never pause.
    "chatflow/human_input/get_human_input_form.py": [Outcome(1, "", NO_HUMAN_INPUT)],
    "chatflow/human_input/submit_human_input_form.py": [Outcome(1, "", NO_HUMAN_INPUT)],
    "chatflow/workflow/get_workflow_events.py": [
        Outcome(
            0,
            rf"run {UUID}: completed\n"
            r"reattached: completed, answer 'You said: What is Dify\? \(turn 1\)'\n",
        )
    ],
    # The echo app has neither speech model: Dify refuses both before reading the audio or text.
    "chatflow/audio/audio_to_text.py": [
        Outcome(
            1,
            "",
            r"transcribing failed: 400 invalid_param: Speech to text is not enabled \(POST /v1/audio-to-text\)\n",
        )
    ],
    "chatflow/audio/text_to_audio.py": [
        Outcome(1, "", r"speaking failed: 400 invalid_param: TTS is not enabled \(POST /v1/text-to-audio\)\n")
    ],
}
# What each annotation script adds must be gone once it exits: annotations are the whole app's.
LEAVES_NO_ANNOTATION = {
    "chatflow/annotation/create_annotation.py": "reset my password",
    "chatflow/annotation/update_annotation.py": "support hours",
    "chatflow/annotation/get_annotations.py": "SSO",
    "chatflow/annotation/delete_annotation.py": "beta still open",
}


def test_every_example_has_a_live_outcome() -> None:
    assert sorted(OUTCOMES) == SCRIPTS


def fits(done: subprocess.CompletedProcess[str], outcome: Outcome) -> bool:
    return (
        done.returncode == outcome.status
        and re.fullmatch(outcome.stdout, done.stdout) is not None
        and re.fullmatch(outcome.stderr, done.stderr) is not None
        and (outcome.status == 0 or one_line_failure(done))
    )


STOP = "chatflow/chatflow/stop_chat_message.py"


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_against_the_real_apps(script: str, real_dify: RealDify) -> None:
    key = real_dify.slow_key if script == STOP else real_dify.key

    done = run_example(script, example_env(DOMAIN=real_dify.domain, CHATFLOW_KEY=key))

    assert any(fits(done, outcome) for outcome in OUTCOMES[script]), (
        f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
    )
    if script in LEAVES_NO_ANNOTATION:
        option = RequestOption.builder().api_key(key).build()
        search = GetAnnotationsRequest.builder().keyword(LEAVES_NO_ANNOTATION[script]).build()
        with Client.builder().domain(real_dify.domain).build() as client:
            assert client.chatflow.v1.annotation.get_annotations(search, option).total == 0
