from __future__ import annotations

from .common import Annotation


class UpdateAnnotationResponse(Annotation):
    """The updated annotation."""
