"""Speak a text with the app's text-to-speech: POST /v1/text-to-audio, answered with audio bytes.

An app whose text-to-speech is off (like the real echo app) ends the script with one line:
``speaking failed: 400 invalid_param: TTS is not enabled``. A ``message_id`` Dify cannot speak
raises ``NotFoundError``.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.text_to_audio_request import TextToAudioRequest
from dify_oapi.api.chatflow.v1.model.text_to_audio_request_body import TextToAudioRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    body = TextToAudioRequestBody.builder().text("Your order has shipped.").user("example-user").build()
    try:
        speech = client.chatflow.v1.audio.text_to_audio(
            TextToAudioRequest.builder().request_body(body).build(), option
        )
    except DifyError as e:
        sys.exit(f"speaking failed: {e}")
    print(f"{len(speech.content)} bytes of {speech.content_type}, starting {speech.content[:3]!r}")
