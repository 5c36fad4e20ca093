"""The annotation resource: canned answers and the switch that makes Dify reply with them."""

from __future__ import annotations

from dify_oapi.core.pagination import apages, next_page_number, pages
from dify_oapi.core.resource import Resource, aapi, api

from ..model.annotation_reply_settings_request import AnnotationReplySettingsRequest
from ..model.annotation_reply_settings_response import AnnotationReplySettingsResponse
from ..model.annotation_reply_status_request import AnnotationReplyStatusRequest
from ..model.annotation_reply_status_response import AnnotationReplyStatusResponse
from ..model.create_annotation_request import CreateAnnotationRequest
from ..model.create_annotation_response import CreateAnnotationResponse
from ..model.delete_annotation_request import DeleteAnnotationRequest
from ..model.delete_annotation_response import DeleteAnnotationResponse
from ..model.get_annotations_request import GetAnnotationsRequest
from ..model.get_annotations_response import GetAnnotationsResponse
from ..model.update_annotation_request import UpdateAnnotationRequest
from ..model.update_annotation_response import UpdateAnnotationResponse


class AnnotationResource(Resource):
    get_annotations = api(GetAnnotationsRequest, GetAnnotationsResponse)
    aget_annotations = aapi(GetAnnotationsRequest, GetAnnotationsResponse)
    create_annotation = api(CreateAnnotationRequest, CreateAnnotationResponse)
    acreate_annotation = aapi(CreateAnnotationRequest, CreateAnnotationResponse)
    update_annotation = api(UpdateAnnotationRequest, UpdateAnnotationResponse)
    aupdate_annotation = aapi(UpdateAnnotationRequest, UpdateAnnotationResponse)
    delete_annotation = api(DeleteAnnotationRequest, DeleteAnnotationResponse)
    adelete_annotation = aapi(DeleteAnnotationRequest, DeleteAnnotationResponse)
    annotation_reply_settings = api(AnnotationReplySettingsRequest, AnnotationReplySettingsResponse)
    aannotation_reply_settings = aapi(AnnotationReplySettingsRequest, AnnotationReplySettingsResponse)
    annotation_reply_status = api(AnnotationReplyStatusRequest, AnnotationReplyStatusResponse)
    aannotation_reply_status = aapi(AnnotationReplyStatusRequest, AnnotationReplyStatusResponse)

    # Every annotation of every page, one request per page, sent only when the loop needs it.
    iter_annotations = pages(GetAnnotationsRequest, GetAnnotationsResponse, next_page_number)
    aiter_annotations = apages(GetAnnotationsRequest, GetAnnotationsResponse, next_page_number)
