"""The simulator's files, through ``App.handle`` with the multipart bytes httpx (or a hand-made body)
puts on the wire; every expected body is what the real Dify 1.14.2 answered the same request."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from dify_oapi.testing.simulator import App, Reply, Request

KEY = "app-files"
MIB = 1024 * 1024


def post(app: App, path: str, content_type: str, body: bytes) -> Reply:
    headers = {"authorization": f"Bearer {KEY}", "content-type": content_type}
    return app.handle(Request("POST", path, {}, headers, body))


def upload(app: App, files: dict[str, Any], data: dict[str, str] | None = None) -> Reply:
    encoded = httpx.Request("POST", "http://sim/v1/files/upload", files=files, data=data)
    return post(app, "/v1/files/upload", encoded.headers["content-type"], encoded.read())


def by_hand(app: App, part_headers: str) -> Reply:
    """One part with exactly these headers, for what httpx never sends (no type, an empty name)."""
    body = f"--b\r\n{part_headers}\r\n\r\nabc\r\n--b--\r\n".encode()
    return post(app, "/v1/files/upload", "multipart/form-data; boundary=b", body)


def chat(app: App, files: list[dict[str, str]], user: str = "u-1") -> Reply:
    body = {"query": "hi", "inputs": {}, "user": user, "response_mode": "blocking", "files": files}
    return post(app, "/v1/chat-messages", "application/json", json.dumps(body).encode())


def preview(app: App, file_id: str, **query: str) -> Reply:
    headers = {"authorization": f"Bearer {KEY}"}
    return app.handle(Request("GET", f"/v1/files/{file_id}/preview", query, headers))


def local(file_id: str) -> dict[str, str]:
    return {"type": "document", "transfer_method": "local_file", "upload_file_id": file_id}


def test_an_upload_answers_201_with_dify_s_keys() -> None:
    app = App(KEY)
    reply = upload(app, {"file": ("héllo.txt", b"hello file", "text/plain")}, {"user": "u-1"})
    assert reply.status == 201
    stored = reply.json()
    assert list(stored) == [
        "id", "name", "size", "extension", "mime_type", "created_by", "created_at", "preview_url",
        "source_url", "original_url", "user_id", "tenant_id", "conversation_id", "file_key",
    ]  # fmt: skip
    assert (stored["name"], stored["size"], stored["extension"], stored["mime_type"]) == (
        "héllo.txt", 10, "txt", "text/plain",
    )  # fmt: skip
    assert stored["preview_url"] is None and stored["id"] in stored["source_url"]


@pytest.mark.parametrize(
    ("send", "status", "body"),
    [
        (lambda app: upload(app, {}, {"user": "u-1"}), 400,
         {"code": "no_file_uploaded", "message": "Please upload your file.", "status": 400}),
        (lambda app: post(app, "/v1/files/upload", "application/json", b"{}"), 400,
         {"code": "no_file_uploaded", "message": "Please upload your file.", "status": 400}),
        (lambda app: upload(app, {"file": ("a.txt", b"a"), "other": ("b.txt", b"b")}), 400,
         {"code": "too_many_files", "message": "Only one file is allowed.", "status": 400}),
        (lambda app: by_hand(app, 'Content-Disposition: form-data; name="file"; filename="a.txt"'), 415,
         {"code": "unsupported_file_type", "message": "File type not allowed.", "status": 415}),
        (lambda app: by_hand(app, 'Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: text/plain'), 400,
         {"code": "filename_not_exists_error", "message": "The specified filename does not exist.", "status": 400}),
        (lambda app: upload(app, {"file": ("big.png", bytes(10 * MIB + 1), "image/png")}), 413,
         {"code": "file_too_large", "message": "", "status": 413}),
    ],
    ids=["no file part", "not multipart", "two file fields", "no type", "empty name", "image over 10 MB"],
)  # fmt: skip
def test_a_refused_upload_answers_as_dify_does(send: Any, status: int, body: dict[str, Any]) -> None:
    reply = send(App(KEY))
    assert (reply.status, reply.json()) == (status, body)


def test_the_limit_depends_on_the_kind_of_file() -> None:
    app = App(KEY)
    assert upload(app, {"file": ("fits.png", bytes(10 * MIB), "image/png")}).status == 201
    assert upload(app, {"file": ("notes.txt", bytes(10 * MIB + 1), "text/plain")}).status == 201  # 15 MB


def test_a_chat_carries_an_upload_and_the_preview_then_serves_its_bytes() -> None:
    app = App(KEY)
    file_id = upload(app, {"file": ("a b.txt", b"hello", "text/plain")}, {"user": "u-1"}).json()["id"]
    assert preview(app, file_id).json()["code"] == "file_not_found"  # no message carried it yet

    assert chat(app, [local(file_id)]).status == 200

    served = preview(app, file_id)
    assert (served.status, served.body, dict(served.headers)["Content-Type"]) == (200, b"hello", "text/plain")
    attached = dict(preview(app, file_id, as_attachment="true").headers)
    assert attached["Content-Type"] == "application/octet-stream"
    assert attached["Content-Disposition"] == "attachment; filename*=UTF-8''a%20b.txt"


def test_an_html_file_is_always_served_as_a_download() -> None:
    app = App(KEY)
    file_id = upload(app, {"file": ("page.html", b"<p>hi</p>", "text/html")}).json()["id"]
    chat(app, [local(file_id)])
    headers = dict(preview(app, file_id).headers)
    assert (
        headers["Content-Type"] == "application/octet-stream"
        and "attachment" in headers["Content-Disposition"]
    )


def test_a_chat_with_an_unknown_upload_id_is_400_in_either_mode() -> None:
    app = App(KEY)
    unknown = "810f3f9d-c9e2-4633-a2e6-c2a667228df5"
    for mode in ("blocking", "streaming"):
        body = {"query": "hi", "inputs": {}, "user": "u", "response_mode": mode, "files": [local(unknown)]}
        reply = post(app, "/v1/chat-messages", "application/json", json.dumps(body).encode())
        assert (reply.status, reply.json()["message"]) == (400, "Invalid upload file")


def test_with_file_upload_off_the_chat_drops_its_files_as_the_real_echo_app_does() -> None:
    app = App(KEY, file_upload=False)
    file_id = upload(app, {"file": ("a.txt", b"a", "text/plain")}).json()["id"]
    assert chat(app, [local(file_id)]).status == 200
    assert chat(app, [local("810f3f9d-c9e2-4633-a2e6-c2a667228df5")]).status == 200  # not even read
    reply = preview(app, file_id)
    assert (reply.status, reply.json()["message"]) == (404, "File not found in message context")
