"""The updated annotation (§10.3)."""

from __future__ import annotations

from .common import Annotation

UpdateAnnotationResponse = Annotation
