"""The job's state: waiting, processing, then completed or error with ``error_msg`` (§10.6)."""

from __future__ import annotations

from .common import AnnotationReplyJob

AnnotationReplyStatusResponse = AnnotationReplyJob
