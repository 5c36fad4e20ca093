from __future__ import annotations

from .common import Annotation, NumberedPage


class GetAnnotationsResponse(NumberedPage[Annotation]):
    """A numbered page of annotations; trust ``total``, not ``has_more``."""
