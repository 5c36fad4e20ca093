"""Upload a file, then send it with a chat message: POST /v1/files/upload.

The file is streamed from its path, never read whole into memory. An app whose file upload is off
(like the real echo app) still answers the chat: Dify drops the file without a word.
"""

import sys
import tempfile
from pathlib import Path

from dify_oapi import DifyError
from dify_oapi.api.chatflow.v1.model.chat_file import ChatFile
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.upload_file_request import UploadFileRequest
from dify_oapi.api.chatflow.v1.model.upload_file_request_body import UploadFileRequestBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # connection.py: DOMAIN or the simulator
from connection import connect

with connect() as (client, option), tempfile.TemporaryDirectory() as folder:
    notes = Path(folder) / "meeting-notes.txt"
    notes.write_text("Ship the release on Friday.\n", encoding="utf-8")
    # The file name and type default to the path's name and the type it implies.
    body = UploadFileRequestBody.builder().file(notes).user("example-user").build()
    try:
        uploaded = client.chatflow.v1.file.upload_file(
            UploadFileRequest.builder().request_body(body).build(), option
        )
    except DifyError as e:
        sys.exit(f"uploading the file failed: {e}")
    print(f"uploaded {uploaded.name}: {uploaded.size} bytes, {uploaded.mime_type}, id {uploaded.id}")

    attached = ChatFile.builder().type("document").transfer_method("local_file").upload_file_id(uploaded.id)
    chat = SendChatMessageRequestBody.builder().query("Summarise the notes").inputs({}).user("example-user")
    chat.response_mode("blocking").files([attached.build()])
    try:
        reply = client.chatflow.v1.chatflow.send_chat_message(
            SendChatMessageRequest.builder().request_body(chat.build()).build(), option
        )
    except DifyError as e:
        sys.exit(f"chatting with the file failed: {e}")
    print(f"answer: {reply.answer}")
