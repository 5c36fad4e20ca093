"""The multipart body of ``POST /v1/audio-to-text``: one audio file part and the ``user`` form field."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints, model_validator

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, RequestModel
from dify_oapi.core.multipart import FileContent, FilePart, FileSource, default_file_name

from .upload_file_request_body import FileName


class AudioToTextRequestBody(RequestModel):
    # Streamed to Dify in 64 KiB reads. Dify judges the part by its MIME type alone: audio/mp3,
    # audio/m4a, audio/wav, audio/amr or audio/mpga (else 415 unsupported_audio_type), at most 30 MB.
    file: Annotated[FileSource, FilePart("file_name", "mime_type")]
    file_name: FileName  # defaults to the path's or the file object's own name
    mime_type: Annotated[str, StringConstraints(min_length=1)] | None = None  # None: guessed from file_name
    user: Id | None = None  # Dify's end user; without it, its default user

    @model_validator(mode="before")
    @classmethod
    def _name_from_file(cls, values: Any) -> Any:
        if isinstance(values, dict) and values.get("file_name") is None:
            name = default_file_name(values.get("file"))
            if name is not None:
                return {**values, "file_name": name}
        return values

    @staticmethod
    def builder() -> AudioToTextRequestBodyBuilder:
        return AudioToTextRequestBodyBuilder()


class AudioToTextRequestBodyBuilder(Builder[AudioToTextRequestBody]):
    file: setter[FileContent | str] = setter()
    file_name: setter[str] = setter()
    mime_type: setter[str | None] = setter()
    user: setter[str | None] = setter()
