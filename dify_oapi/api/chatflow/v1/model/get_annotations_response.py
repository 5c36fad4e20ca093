"""A numbered page of annotations; trust ``total``, not ``has_more`` (§10.1)."""

from __future__ import annotations

from .common import Annotation, NumberedPage

GetAnnotationsResponse = NumberedPage[Annotation]
