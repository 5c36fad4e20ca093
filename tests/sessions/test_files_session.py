"""A user's files on the simulator over real sockets: upload from a path, stream a chat that carries
the upload, read it back, sync and async."""

from __future__ import annotations

from pathlib import Path

import pytest

from dify_oapi import Client, NotFoundError, RequestOption
from dify_oapi.api.chatflow.v1.model import (
    ChatFile,
    MessageEndEvent,
    PreviewFileRequest,
    SendChatMessageRequest,
    SendChatMessageRequestBody,
    UploadFileRequest,
    UploadFileRequestBody,
)
from dify_oapi.testing.simulator import Simulator
from tests.conftest import call
from tests.sessions.conftest import USER, stream_all


def test_upload_chat_with_it_and_read_it_back(
    mode: str, sim: Simulator, live: tuple[Client, RequestOption], tmp_path: Path
) -> None:
    client, option = live
    files = client.chatflow.v1.file
    path = tmp_path / "plan.md"
    path.write_bytes("# Plan\n- ship — 周五\n".encode())

    body = UploadFileRequestBody.builder().file(path).user(USER).build()
    uploaded = call(
        mode, files, "upload_file", UploadFileRequest.builder().request_body(body).build(), option
    )
    assert (uploaded.name, uploaded.size, uploaded.mime_type) == (
        "plan.md",
        path.stat().st_size,
        "text/markdown",
    )
    preview = PreviewFileRequest.builder().file_id(uploaded.id).user(USER).build()
    with pytest.raises(NotFoundError) as unused:  # no message carried it yet
        call(mode, files, "preview_file", preview, option)
    assert unused.value.code == "file_not_found"

    attached = ChatFile.builder().transfer_method("local_file").upload_file_id(uploaded.id).build()
    chat = (
        SendChatMessageRequestBody.builder().query("read it").inputs({}).user(USER).files([attached]).build()
    )
    events = stream_all(mode, client, option, SendChatMessageRequest.builder().request_body(chat).build())
    assert sum(isinstance(event, MessageEndEvent) for event in events) == 1
    [sent] = [r for r in sim.requests if r.path == "/v1/chat-messages"]
    assert sent.json["files"] == [{"transfer_method": "local_file", "upload_file_id": uploaded.id}]

    served = call(mode, files, "preview_file", preview, option)
    assert (served.content, served.content_type, served.file_name) == (
        path.read_bytes(),
        "text/markdown",
        None,
    )
