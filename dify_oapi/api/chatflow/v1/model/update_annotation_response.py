"""The updated annotation (§10.3)."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import Annotation

UpdateAnnotationResponse = Annotation
