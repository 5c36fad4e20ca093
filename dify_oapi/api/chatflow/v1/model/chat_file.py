"""A file attached to a chat message: by URL, or by the id ``upload_file`` returned."""

from __future__ import annotations

from pydantic import model_validator
from typing_extensions import Self

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import RequestModel

from .constraints import NonEmpty, Uuid
from .types import FileType, TransferMethod


class ChatFile(RequestModel):
    """A file attached to a chat message: by URL, or with ``transfer_method="local_file"`` by the id
    ``client.chatflow.v1.file.upload_file`` returned."""

    type: FileType | None = None  # left out, Dify detects it from the file
    transfer_method: TransferMethod
    url: NonEmpty | None = None
    upload_file_id: Uuid | None = None  # given with remote_url too, Dify reads the uploaded file instead

    @model_validator(mode="after")
    def _source(self) -> Self:
        # Dify silently drops a remote_url file without url, and fails a local_file without its id.
        if self.transfer_method == "remote_url" and self.url is None:
            raise ValueError("transfer_method 'remote_url' needs url")
        if self.transfer_method == "local_file" and self.upload_file_id is None:
            raise ValueError("transfer_method 'local_file' needs upload_file_id")
        return self

    @staticmethod
    def builder() -> ChatFileBuilder:
        return ChatFileBuilder()


class ChatFileBuilder(Builder[ChatFile]):
    type: setter[FileType | None] = setter()
    transfer_method: setter[TransferMethod] = setter()
    url: setter[str | None] = setter()
    upload_file_id: setter[str | None] = setter()
