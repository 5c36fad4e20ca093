"""The simulator's speech-to-text, called through ``App.handle`` with the multipart bytes httpx puts on
the wire; the missing-file body is what the real Dify 1.14.2 answered."""

from __future__ import annotations

import json
from typing import Any

import httpx

from dify_oapi.testing.simulator import App, Request
from tests.simulator.test_fidelity import request

KEY = "app-audio"


def transcribe(app: App, files: dict[str, Any] | None, data: dict[str, str]) -> tuple[int, Any]:
    encoded = httpx.Request("POST", "http://sim/v1/audio-to-text", files=files, data=data)
    headers = {"authorization": f"Bearer {KEY}", "content-type": encoded.headers["content-type"]}
    reply = app.handle(Request("POST", "/v1/audio-to-text", {}, headers, encoded.read()))
    return reply.status, json.loads(reply.body)


def test_speech_it_spoke_transcribes_back_to_its_text() -> None:
    app = App(KEY)
    spoken = app.handle(request("POST", "/v1/text-to-audio", {"user": "u-1", "text": "Hello there"}, key=KEY))
    files = {"file": ("hello.mp3", spoken.body, "audio/mp3")}
    assert transcribe(app, files, {"user": "u-1"}) == (200, {"text": "Hello there"})


def test_without_a_file_part_it_is_werkzeugs_key_error() -> None:
    assert transcribe(App(KEY), None, {"user": "u-1"}) == (
        400,
        {
            "code": "bad_request_key_error",
            "message": "The browser (or proxy) sent a request that this server could not understand.",
            "status": 400,
        },
    )


def test_a_part_that_is_not_audio_is_415() -> None:
    files = {"file": ("notes.txt", b"hi", "text/plain")}
    status, body = transcribe(App(KEY), files, {"user": "u-1"})
    assert (status, body["code"]) == (415, "unsupported_audio_type")
