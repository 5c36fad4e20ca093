from __future__ import annotations

from dify_oapi.core.model import ResponseModel


class UploadFileResponse(ResponseModel):
    """201: the stored file. ``id`` is what a chat's ``ChatFile.upload_file_id`` takes."""

    id: str
    name: str
    size: int
    extension: str | None = None
    mime_type: str | None = None
    created_by: str | None = None
    created_at: int | None = None
    # Dify 1.14.2 fills source_url (a signed link) and tenant_id, and sends the rest as null.
    preview_url: str | None = None
    source_url: str | None = None
    original_url: str | None = None
    user_id: str | None = None
    tenant_id: str | None = None
    conversation_id: str | None = None
    file_key: str | None = None
