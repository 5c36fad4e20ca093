"""Audio: ``audio_to_text`` transcribes an upload and ``text_to_audio`` speaks a text or a message's
answer, as the app's speech-to-text and text-to-speech do.

The simulated app has speech models, so text-to-speech answers with audio and speech-to-text with a
transcript; ``App(text_to_speech=False)`` turns the app's feature off, as in an app without it
("TTS is not enabled").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import UUID_RE, ApiError, invalid, validate
from .file import form_parts
from .routing import Call, Routes
from .wire import JSON, Reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
# An ID3v2.4 tag with no frames: the bytes start like an MP3 file, and what follows says what it speaks.
_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"
_PREFIX = b"(simulated speech) "
# AudioService.transcript_asr judges the part by its MIME type alone.
_AUDIO_TYPES = {f"audio/{ext}" for ext in ("mp3", "m4a", "wav", "amr", "mpga")}
_ASR_LIMIT_MB = 30


@routes.add("POST", "/v1/audio-to-text")
def audio_to_text(_app: App, call: Call) -> Reply:
    parts = form_parts(call.request.content_type, call.request.body) if call.request else []
    part = next((p for p in parts if p.name == "file" and p.file_name is not None), None)
    if part is None:  # request.files["file"]: Werkzeug's KeyError, as Dify's error handler words it
        raise ApiError(
            400,
            "bad_request_key_error",
            "The browser (or proxy) sent a request that this server could not understand.",
        )
    if part.mime_type.lower() not in _AUDIO_TYPES:
        raise ApiError(415, "unsupported_audio_type", "Audio type not allowed.")
    if len(part.content) > _ASR_LIMIT_MB * 1024 * 1024:
        raise ApiError(413, "audio_too_large", f"Audio size larger than {_ASR_LIMIT_MB} mb")
    # Speech this simulator spoke transcribes back to its text; any other audio to a fixed sentence.
    spoken = part.content.removeprefix(_ID3)
    text = spoken.removeprefix(_PREFIX).decode("utf-8", "replace") if spoken.startswith(_PREFIX) else ""
    return json_reply(200, {"text": text or "(simulated transcript)"})


@routes.add("POST", "/v1/text-to-audio", json_body=True)
def text_to_audio(app: App, call: Call) -> Reply:
    body = call.body
    validate("TextToAudioPayload", body, message_id="str?", voice="str?", text="str?", streaming="bool?")
    message_id = body.get("message_id")
    if message_id:  # AudioService.transcript_tts: a message it cannot speak is a 200 with null
        message = _message(app, message_id)
        if message is None or (message["answer"] == "" and message["status"] in ("normal", "paused")):
            return json_reply(200, None)
        text = str(message["answer"])
    elif body.get("text") is None:
        raise invalid("Text is required")
    else:
        text = str(body["text"])
    if body.get("voice") is None and not app.text_to_speech:
        raise invalid("TTS is not enabled")
    return Reply(200, _ID3 + _PREFIX + text.strip().encode(), (("Content-Type", "audio/mpeg"),))


def _message(app: App, message_id: str) -> JSON | None:
    """The app's message by id alone, whoever's it is, as Dify looks it up; None for a non-UUID."""
    conversation = app.state.message_owner.get(message_id.lower()) if UUID_RE.match(message_id) else None
    if conversation is None:
        return None
    return next((m for m in conversation.messages if m["id"] == message_id.lower()), None)
