"""Speak a text or a message's answer: ``POST /v1/text-to-audio``.

A ``message_id`` Dify cannot speak (no such message, or one with no answer yet) is answered with
200 and a JSON ``null``; the client raises ``NotFoundError`` for it rather than hand back ``null``
as audio.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Request, Route

from .text_to_audio_request_body import TextToAudioRequestBody


class TextToAudioRequest(Request):
    route: ClassVar[Route] = Route("POST", "/v1/text-to-audio")
    request_body: TextToAudioRequestBody

    @staticmethod
    def builder() -> TextToAudioRequestBuilder:
        return TextToAudioRequestBuilder()


class TextToAudioRequestBuilder(Builder[TextToAudioRequest]):
    request_body: setter[TextToAudioRequestBody] = setter()
