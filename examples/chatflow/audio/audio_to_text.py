"""Transcribe a recording with the app's speech-to-text: POST /v1/audio-to-text.

Dify judges the file by its MIME type (audio/mp3, audio/m4a, audio/wav, audio/amr or audio/mpga).
An app whose speech-to-text is off (like the real echo app) ends the script with one line:
``transcribing failed: 400 invalid_param: Speech to text is not enabled``.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.audio_to_text_request import AudioToTextRequest
from dify_oapi.api.chatflow.v1.model.audio_to_text_request_body import AudioToTextRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

# The first bytes of an MP3 file: an ID3v2.4 tag with no frames.
RECORDING = b"ID3\x04\x00\x00\x00\x00\x00\x00"

with connect() as (client, option):
    body = (
        AudioToTextRequestBody.builder()
        .file(RECORDING)
        .file_name("question.mp3")
        .mime_type("audio/mp3")
        .user("example-user")
        .build()
    )
    try:
        heard = client.chatflow.v1.audio.audio_to_text(
            AudioToTextRequest.builder().request_body(body).build(), option
        )
    except DifyError as e:
        sys.exit(f"transcribing failed: {e}")
    print(f"heard: {heard.text}")
