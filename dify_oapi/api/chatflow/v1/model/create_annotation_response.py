"""The new annotation; Dify answers 201 (older servers 200) (§10.2)."""

from __future__ import annotations

from dify_oapi.api.chatflow.v1.model.common import Annotation

CreateAnnotationResponse = Annotation
