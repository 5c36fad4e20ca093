"""Transcribe speech: ``POST /v1/audio-to-text`` (``multipart/form-data``)."""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Request, Route

from .audio_to_text_request_body import AudioToTextRequestBody


class AudioToTextRequest(Request):
    # Never resent once its bytes went out: a file object read once cannot be read again.
    route: ClassVar[Route] = Route("POST", "/v1/audio-to-text", replayable=False)
    request_body: AudioToTextRequestBody

    @staticmethod
    def builder() -> AudioToTextRequestBuilder:
        return AudioToTextRequestBuilder()


class AudioToTextRequestBuilder(Builder[AudioToTextRequest]):
    request_body: setter[AudioToTextRequestBody] = setter()
