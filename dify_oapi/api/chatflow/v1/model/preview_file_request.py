"""Read back an uploaded file: ``GET /v1/files/{file_id}/preview``.

Dify serves only files a message of this app used (404 ``file_not_found`` "File not found in
message context" for a file uploaded but never sent in a chat), and the reply is the file itself.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import Id, PathParam, QueryParam, Request, Route

from .common import RouteUuid


class PreviewFileRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/files/{file_id}/preview")
    file_id: PathParam[RouteUuid]
    # True: Content-Disposition attachment with the file's name, Content-Type application/octet-stream.
    as_attachment: QueryParam[bool | None] = None
    user: QueryParam[Id | None] = None

    @staticmethod
    def builder() -> PreviewFileRequestBuilder:
        return PreviewFileRequestBuilder()


class PreviewFileRequestBuilder(Builder[PreviewFileRequest]):
    file_id: setter[str] = setter()
    as_attachment: setter[bool | None] = setter()
    user: setter[str | None] = setter()
