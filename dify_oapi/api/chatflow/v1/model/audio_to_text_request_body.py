"""The multipart body of ``POST /v1/audio-to-text``: one audio file part and the ``user`` form field."""

from __future__ import annotations

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.multipart import FileContent

from .upload_file_request_body import UploadFileRequestBody


class AudioToTextRequestBody(UploadFileRequestBody):
    """The same parts as an upload. Dify judges the audio by ``mime_type`` alone: ``audio/mp3``,
    ``audio/m4a``, ``audio/wav``, ``audio/amr`` or ``audio/mpga`` (else 415 ``unsupported_audio_type``),
    at most 30 MB (else 413 ``audio_too_large``)."""

    @staticmethod
    def builder() -> AudioToTextRequestBodyBuilder:  # type: ignore[override]
        return AudioToTextRequestBodyBuilder()


class AudioToTextRequestBodyBuilder(Builder[AudioToTextRequestBody]):
    file: setter[FileContent | str] = setter()
    file_name: setter[str] = setter()
    mime_type: setter[str | None] = setter()
    user: setter[str | None] = setter()
