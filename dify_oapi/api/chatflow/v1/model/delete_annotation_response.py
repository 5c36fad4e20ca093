"""204, no body (§10.4)."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import NoContent

DeleteAnnotationResponse = NoContent
