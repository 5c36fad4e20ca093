from __future__ import annotations

from .common import AnnotationReplyJob


class AnnotationReplyStatusResponse(AnnotationReplyJob):
    """The job's state: waiting, processing, then completed or error with ``error_msg``."""
