from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel


class TextToAudioRequestBody(RequestModel):
    # Dify speaks the message's answer when message_id is set, else text ("Text is required" without it).
    message_id: str | None = None
    voice: str | None = None  # None: the app's configured voice ("TTS is not enabled" when it has none)
    text: str | None = None
    streaming: bool | None = None
    user: Id | None = None  # Dify's end user; without it, its default user

    @staticmethod
    def builder() -> TextToAudioRequestBodyBuilder:
        return TextToAudioRequestBodyBuilder()


class TextToAudioRequestBodyBuilder(Builder[TextToAudioRequestBody]):
    message_id: setter[str | None] = setter()
    voice: setter[str | None] = setter()
    text: setter[str | None] = setter()
    streaming: setter[bool | None] = setter()
    user: setter[str | None] = setter()
