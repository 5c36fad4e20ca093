"""Files: upload one for a chat message and read it back, the two APIs of the client's ``file`` resource."""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import os
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from .errors import ApiError
from .routing import DEFAULT_USER, Call, Routes
from .wire import JSON, Reply, json_reply

if TYPE_CHECKING:
    from .app import App

routes: Routes = Routes()

# Dify's default limits in MB (UPLOAD_*_FILE_SIZE_LIMIT), by the extension's kind.
_LIMITS_MB = (
    ({"jpg", "jpeg", "png", "webp", "gif", "svg"}, 10),
    ({"mp4", "mov", "mpeg", "webm"}, 100),
    ({"mp3", "m4a", "wav", "amr", "mpga"}, 50),
)
DEFAULT_LIMIT_MB = 15
_HTML = {"html", "htm", "xhtml"}  # served as a download only, as Dify's enforce_download_for_html does


@dataclass(frozen=True)
class StoredFile:
    id: str
    name: str
    extension: str
    mime_type: str
    content: bytes
    created_by: str
    created_at: int

    def view(self) -> JSON:
        # Dify 1.14.2 fills source_url with a signed link; the rest of its optional keys are null.
        sign = hashlib.sha256(self.id.encode()).hexdigest()[:16]
        source_url = f"/files/{self.id}/file-preview?timestamp={self.created_at}&nonce={sign}&sign={sign}"
        head = {"id": self.id, "name": self.name, "size": len(self.content), "extension": self.extension}
        head |= {"mime_type": self.mime_type, "created_by": self.created_by, "created_at": self.created_at}
        head |= {"preview_url": None, "source_url": source_url, "original_url": None, "user_id": None}
        return head | {"tenant_id": TENANT_ID, "conversation_id": None, "file_key": None}


TENANT_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "dify_oapi.testing.simulator"))


@dataclass(frozen=True)
class FormPart:
    name: str
    file_name: str | None  # None: a form field; "" or a name: a file part, as Werkzeug sorts them
    mime_type: str
    content: bytes


def form_parts(content_type: str, body: bytes) -> list[FormPart]:
    """A ``multipart/form-data`` body's parts; any other body has none, so Dify sees no file."""
    if not content_type.lower().startswith("multipart/form-data"):
        return []
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        return []
    found = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        file_name = part.get_param("filename", header="content-disposition")
        payload = part.get_payload(decode=True)
        found.append(
            FormPart(
                name,
                file_name if isinstance(file_name, str) else None,
                part.get_content_type() if part.get("content-type") else "",
                payload if isinstance(payload, bytes) else b"",
            )
        )
    return found


@routes.add("POST", "/v1/files/upload")
def upload_file(app: App, call: Call) -> Reply:
    parts = form_parts(call.request.content_type, call.request.body) if call.request else []
    files = [part for part in parts if part.file_name is not None]
    form = {part.name: part.content.decode("utf-8", "replace") for part in parts if part.file_name is None}
    names = {part.name for part in files}  # Werkzeug's request.files counts names, not parts
    if "file" not in names:
        raise ApiError(400, "no_file_uploaded", "Please upload your file.")
    if len(names) > 1:
        raise ApiError(400, "too_many_files", "Only one file is allowed.")
    part = next(part for part in files if part.name == "file")  # a repeated name: the first part
    if not part.mime_type:
        raise ApiError(415, "unsupported_file_type", "File type not allowed.")
    if not part.file_name:
        raise ApiError(400, "filename_not_exists_error", "The specified filename does not exist.")
    extension = os.path.splitext(part.file_name)[1].lstrip(".").lower()
    limit_mb = next((mb for kinds, mb in _LIMITS_MB if extension in kinds), DEFAULT_LIMIT_MB)
    if len(part.content) > limit_mb * 1024 * 1024:
        raise ApiError(413, "file_too_large", "")  # Dify's own message is empty here
    user = form.get("user") or DEFAULT_USER
    stored = StoredFile(
        str(uuid.uuid4()),
        part.file_name,
        extension,
        part.mime_type,
        part.content,
        str(uuid.uuid5(uuid.NAMESPACE_OID, user)),  # the end user's id, not its name
        app.state.tick(),
    )
    app.state.files[stored.id] = stored
    return json_reply(201, stored.view())


@routes.add("GET", "/v1/files/{uuid}/preview")
def preview_file(app: App, call: Call) -> Reply:
    file_id = call.params[0]
    # Dify serves only files a message of this app used.
    if file_id not in app.state.used_files:
        raise ApiError(404, "file_not_found", "File not found in message context")
    stored: StoredFile = app.state.files[file_id]
    headers = [("Content-Type", stored.mime_type), ("Content-Length", str(len(stored.content)))]
    as_attachment = call.query.get("as_attachment", "").lower() in ("1", "true", "yes", "on")
    if (
        as_attachment
        or stored.extension in _HTML
        or stored.mime_type in ("text/html", "application/xhtml+xml")
    ):
        headers[0] = ("Content-Type", "application/octet-stream")
        headers.append(("Content-Disposition", f"attachment; filename*=UTF-8''{quote(stored.name)}"))
    headers.append(("Cache-Control", "public, max-age=3600"))
    return Reply(200, stored.content, tuple(headers))


def chat_files(app: App, files: object) -> list[JSON]:
    """A chat's ``files`` as its run sees them. An app with file upload off drops them unread; with it
    on, an unknown upload id fails the request before the run starts, in either response mode."""
    if not app.file_upload or not isinstance(files, list):
        return []
    kept = [entry for entry in files if isinstance(entry, dict)]
    for entry in kept:
        if entry.get("transfer_method") == "local_file":
            stored = app.state.files.get(str(entry.get("upload_file_id")))
            if stored is None:
                raise ApiError(400, "invalid_param", "Invalid upload file")
            app.state.used_files.add(stored.id)
    return kept
