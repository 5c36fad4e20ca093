"""204, no body (§10.4)."""

from __future__ import annotations

from .common import NoContent

DeleteAnnotationResponse = NoContent
