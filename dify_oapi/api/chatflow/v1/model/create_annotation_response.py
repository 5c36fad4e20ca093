from __future__ import annotations

from .common import Annotation


class CreateAnnotationResponse(Annotation):
    """The new annotation; Dify answers 201 (older servers 200)."""
