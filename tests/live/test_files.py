"""Files against the real Dify 1.14.2, sync and async: upload, chat with the upload, preview, limits.

The echo app has file upload off (its DSL: ``file_upload.enabled: false``). Dify then takes a chat
carrying a ``local_file`` and drops the file without a word: the message lists no file, and the
preview, which serves only files a message carried, answers 404 ``file_not_found``. The upload
itself is the app's tenant's and works whatever the app's setting.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from dify_oapi import NotFoundError, PayloadTooLargeError
from dify_oapi.api.chatflow.v1.model.chat_file import ChatFile
from dify_oapi.api.chatflow.v1.model.delete_conversation_request import DeleteConversationRequest
from dify_oapi.api.chatflow.v1.model.delete_conversation_request_body import DeleteConversationRequestBody
from dify_oapi.api.chatflow.v1.model.get_conversation_messages_request import GetConversationMessagesRequest
from dify_oapi.api.chatflow.v1.model.preview_file_request import PreviewFileRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request import SendChatMessageRequest
from dify_oapi.api.chatflow.v1.model.send_chat_message_request_body import SendChatMessageRequestBody
from dify_oapi.api.chatflow.v1.model.upload_file_request import UploadFileRequest
from dify_oapi.api.chatflow.v1.model.upload_file_request_body import UploadFileRequestBody
from dify_oapi.api.chatflow.v1.model.upload_file_response import UploadFileResponse
from tests.live.driver import Driver

MIB = 1024 * 1024


@pytest.fixture
def user() -> str:
    return f"live-files-{uuid.uuid4().hex[:12]}"


def upload(d: Driver, body: UploadFileRequestBody) -> UploadFileResponse:
    response: UploadFileResponse = d.call(
        "upload_file", UploadFileRequest.builder().request_body(body).build()
    )
    return response


def test_a_file_uploaded_from_a_path_is_sent_in_a_chat(d: Driver, user: str, tmp_path: Path) -> None:
    notes = tmp_path / "réunion notes.txt"
    notes.write_bytes("Ship on Friday — 周五发布\n".encode())

    uploaded = upload(d, UploadFileRequestBody.builder().file(notes).user(user).build())

    assert uuid.UUID(uploaded.id) and uploaded.name == "réunion notes.txt"
    assert (uploaded.size, uploaded.extension, uploaded.mime_type) == (
        notes.stat().st_size,
        "txt",
        "text/plain",
    )
    assert uploaded.source_url is not None and uploaded.id in uploaded.source_url

    attached = ChatFile.builder().type("document").transfer_method("local_file").upload_file_id(uploaded.id)
    body = SendChatMessageRequestBody.builder().query("read the notes").inputs({}).user(user)
    body.response_mode("blocking").files([attached.build()])
    reply = d.call("send_chat_message", SendChatMessageRequest.builder().request_body(body.build()).build())
    try:
        assert reply.answer == "You said: read the notes (turn 1)"
        listed = (
            GetConversationMessagesRequest.builder().conversation_id(reply.conversation_id).user(user).build()
        )
        [message] = d.call("get_conversation_messages", listed).data
        assert message.message_files == []  # file upload off: Dify dropped the file

        preview = PreviewFileRequest.builder().file_id(uploaded.id).user(user).build()
        with pytest.raises(NotFoundError) as raised:
            d.call("preview_file", preview)
        assert (raised.value.code, raised.value.message) == (
            "file_not_found",
            "File not found in message context",
        )
    finally:
        delete = DeleteConversationRequest.builder().conversation_id(reply.conversation_id)
        delete.request_body(DeleteConversationRequestBody.builder().user(user).build())
        d.call("delete_conversation", delete.build())


def test_an_image_over_dify_s_limit_is_a_typed_413(d: Driver, user: str) -> None:
    # Dify 1.14.2's default image limit is 10 MB (UPLOAD_IMAGE_FILE_SIZE_LIMIT); other files get 15.
    body = UploadFileRequestBody.builder().file(bytes(10 * MIB + 1)).file_name("too-big.png").user(user)

    with pytest.raises(PayloadTooLargeError) as raised:
        upload(d, body.build())

    assert (raised.value.status_code, raised.value.code) == (413, "file_too_large")


def test_a_preview_of_an_unknown_file_is_404(d: Driver, user: str) -> None:
    preview = PreviewFileRequest.builder().file_id(str(uuid.uuid4())).as_attachment(True).user(user).build()

    with pytest.raises(NotFoundError) as raised:
        d.call("preview_file", preview)

    assert raised.value.code == "file_not_found"


def test_with_file_upload_off_a_chat_does_not_even_read_its_files(d: Driver, user: str) -> None:
    # An upload id that names no file: an app with file upload on would answer 400 "Invalid upload file".
    unknown = ChatFile.builder().transfer_method("local_file").upload_file_id(str(uuid.uuid4())).build()
    body = SendChatMessageRequestBody.builder().query("no such file").inputs({}).user(user)
    body.response_mode("blocking").files([unknown])
    reply = d.call("send_chat_message", SendChatMessageRequest.builder().request_body(body.build()).build())
    delete = DeleteConversationRequest.builder().conversation_id(reply.conversation_id)
    d.call(
        "delete_conversation",
        delete.request_body(DeleteConversationRequestBody.builder().user(user).build()).build(),
    )

    assert reply.answer == "You said: no such file (turn 1)"
