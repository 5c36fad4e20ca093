"""The file resource: upload a file for a chat message, and read one back."""

from __future__ import annotations

from dify_oapi.core.resource import Resource, aapi, api

from ..model.preview_file_request import PreviewFileRequest
from ..model.preview_file_response import PreviewFileResponse
from ..model.upload_file_request import UploadFileRequest
from ..model.upload_file_response import UploadFileResponse


class FileResource(Resource):
    upload_file = api(UploadFileRequest, UploadFileResponse)
    aupload_file = aapi(UploadFileRequest, UploadFileResponse)
    preview_file = api(PreviewFileRequest, PreviewFileResponse)
    apreview_file = aapi(PreviewFileRequest, PreviewFileResponse)
