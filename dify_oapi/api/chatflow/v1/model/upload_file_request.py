"""Upload a file for a chat message: ``POST /v1/files/upload`` (``multipart/form-data``).

The id it returns goes into ``ChatFile(transfer_method="local_file", upload_file_id=...)``.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Request, Route

from .upload_file_request_body import UploadFileRequestBody


class UploadFileRequest(Request):
    # Never resent once its bytes went out: a file object read once cannot be read again.
    route: ClassVar[Route] = Route("POST", "/v1/files/upload", replayable=False)
    request_body: UploadFileRequestBody

    @staticmethod
    def builder() -> UploadFileRequestBuilder:
        return UploadFileRequestBuilder()


class UploadFileRequestBuilder(Builder[UploadFileRequest]):
    request_body: setter[UploadFileRequestBody] = setter()
