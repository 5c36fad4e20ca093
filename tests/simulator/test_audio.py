"""The simulator's text-to-speech, called through ``App.handle``: audio bytes, and Dify's refusals."""

from __future__ import annotations

import pytest

from dify_oapi.testing.simulator import App
from tests.simulator.test_fidelity import KEY, USER, chat, request


def speak(app: App, **body: object) -> tuple[int, str, bytes]:
    reply = app.handle(request("POST", "/v1/text-to-audio", {"user": USER, **body}))
    return reply.status, dict(reply.headers)["Content-Type"], reply.body


def test_a_text_is_spoken_as_mp3_bytes() -> None:
    status, kind, audio = speak(App(KEY), text="  Hello, Dify  ")
    assert (status, kind) == (200, "audio/mpeg")
    assert audio.startswith(b"ID3") and audio.endswith(b"(simulated speech) Hello, Dify")


def test_a_message_is_spoken_by_its_id_in_any_case() -> None:
    app = App(KEY)
    message_id = chat(app, "What is Dify?", mode="blocking").json()["message_id"]
    status, _, audio = speak(app, message_id=message_id.upper())
    assert status == 200 and b"What is Dify?" in audio


@pytest.mark.parametrize("message_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000001"])
def test_a_message_it_cannot_find_is_a_200_with_null(message_id: str) -> None:
    assert speak(App(KEY), message_id=message_id) == (200, "application/json", b"null\n")


def test_without_text_or_with_the_feature_off_it_refuses() -> None:
    status, _, body = speak(App(KEY))
    assert (status, body) == (400, b'{"code":"invalid_param","message":"Text is required","status":400}\n')
    status, _, body = speak(App(KEY, text_to_speech=False), text="hi")
    assert (status, body) == (400, b'{"code":"invalid_param","message":"TTS is not enabled","status":400}\n')
