"""The job: ``waiting`` when new, ``processing`` when one was already running (§10.5)."""

from __future__ import annotations

from .common import AnnotationReplyJob

AnnotationReplySettingsResponse = AnnotationReplyJob
