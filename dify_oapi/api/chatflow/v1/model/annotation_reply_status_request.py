"""Poll an annotation-reply job: ``GET /v1/apps/annotation-reply/{action}/status/{job_id}``.

Dify keeps a finished job for 600 s; after that, or with the other action, it answers 400.
"""

from __future__ import annotations

from typing import ClassVar

from dify_oapi.core.builder import Builder, setter
from dify_oapi.core.model import PathParam, Request, Route

from .common import RouteUuid
from .types import AnnotationAction


class AnnotationReplyStatusRequest(Request):
    route: ClassVar[Route] = Route("GET", "/v1/apps/annotation-reply/{action}/status/{job_id}")
    action: PathParam[AnnotationAction]  # the action that started the job
    job_id: PathParam[RouteUuid]

    @staticmethod
    def builder() -> AnnotationReplyStatusRequestBuilder:
        return AnnotationReplyStatusRequestBuilder()


class AnnotationReplyStatusRequestBuilder(Builder[AnnotationReplyStatusRequest]):
    action: setter[AnnotationAction] = setter()
    job_id: setter[str] = setter()
