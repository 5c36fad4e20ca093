"""Upload a file, send it with a chat message, and read it back: GET /v1/files/{file_id}/preview.

Dify previews only files a message of the app carried. An app whose file upload is off (like the
real echo app) drops the file from the chat, so the preview ends with one line:
``previewing the file failed: 404 file_not_found: File not found in message context``.
"""

import sys
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.chat_file import ChatFile
from dify_oapi.api.chatflow.v1.model.preview_file_request import PreviewFileRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.upload_file_request import UploadFileRequest
from dify_oapi.api.chatflow.v1.model.upload_file_request_body import UploadFileRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option):
    # Bytes need a file name; the type is then guessed from it (text/csv here).
    body = UploadFileRequestBody.builder().file(b"city,visits\nParis,3\n").file_name("visits.csv")
    try:
        request = UploadFileRequest.builder().request_body(body.user("example-user").build()).build()
        uploaded = client.chatflow.v1.file.upload_file(request, option)
        attached = ChatFile.builder().transfer_method("local_file").upload_file_id(uploaded.id).build()
        chat = SendChatMessageRequestBody.builder().query("Which city?").inputs({}).user("example-user")
        client.chatflow.v1.chatflow.send_chat_message(
            SendChatMessageRequest.builder()
            .request_body(chat.response_mode("blocking").files([attached]).build())
            .build(),
            option,
        )
    except DifyError as e:
        sys.exit(f"uploading or sending the file failed: {e}")

    preview = (
        PreviewFileRequest.builder().file_id(uploaded.id).as_attachment(True).user("example-user").build()
    )
    try:
        file = client.chatflow.v1.file.preview_file(preview, option)
    except DifyError as e:
        sys.exit(f"previewing the file failed: {e}")
    print(f"{file.file_name}: {len(file.content)} bytes, {file.content_type}")
    print(file.content.decode("utf-8"), end="")
