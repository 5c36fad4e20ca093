from __future__ import annotations

from .common import AnnotationReplyJob


class AnnotationReplySettingsResponse(AnnotationReplyJob):
    """The job: ``waiting`` when new, ``processing`` when one was already running."""
