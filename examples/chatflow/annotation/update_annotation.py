"""Create an annotation, then correct its answer: PUT /v1/apps/annotations/{annotation_id}."""

import os
import sys

from dify_oapi import Client, DifyError, RequestOption
from dify_oapi.api.chatflow.v1.model.create_annotation_request import CreateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.create_annotation_request_body import CreateAnnotationRequestBody
from dify_oapi.api.chatflow.v1.model.update_annotation_request import UpdateAnnotationRequest
from dify_oapi.api.chatflow.v1.model.update_annotation_request_body import UpdateAnnotationRequestBody

client = Client.builder().domain(os.environ["DOMAIN"]).build()
option = RequestOption.builder().api_key(os.environ["CHATFLOW_KEY"]).build()

question = "What are your support hours?"
body = CreateAnnotationRequestBody.builder().question(question).answer("9:00-17:00, Monday to Friday").build()
try:
    created = client.chatflow.v1.annotation.create_annotation(
        CreateAnnotationRequest.builder().request_body(body).build(), option
    )
    # Both fields are required: send the question again even when only the answer changes.
    fixed = UpdateAnnotationRequestBody.builder().question(question).answer("24/7, every day").build()
    request = UpdateAnnotationRequest.builder().annotation_id(created.id).request_body(fixed).build()
    updated = client.chatflow.v1.annotation.update_annotation(request, option)
except DifyError as e:
    sys.exit(f"updating the annotation failed: {e}")
print(f"updated annotation {updated.id}: {created.answer!r} -> {updated.answer!r}")
