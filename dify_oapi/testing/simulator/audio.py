"""Audio: ``text_to_audio`` speaks a text or a message's answer, as the app's text-to-speech does.

The simulated app has a speech model, so text-to-speech answers with audio; ``App(text_to_speech=False)``
turns the app's feature off, as in an app without it ("TTS is not enabled").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import UUID_RE, invalid, validate
from .routing import Call, Routes
from .wire import JSON, Reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()
# An ID3v2.4 tag with no frames: the bytes start like an MP3 file, and what follows says what it speaks.
_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"


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
    return Reply(200, _ID3 + f"(simulated speech) {text.strip()}".encode(), (("Content-Type", "audio/mpeg"),))


def _message(app: App, message_id: str) -> JSON | None:
    """The app's message by id alone, whoever's it is, as Dify looks it up; None for a non-UUID."""
    conversation = app.state.message_owner.get(message_id.lower()) if UUID_RE.match(message_id) else None
    if conversation is None:
        return None
    return next((m for m in conversation.messages if m["id"] == message_id.lower()), None)
